using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>
/// <see cref="ClickEvent"/> under schemas/ClickEvent.avsc. In memory every field may be null (validation decides
/// what a usable event is), but the Avro record requires eventId, timestamp and eventType: writing an event without
/// them throws <see cref="AvroException"/>.
/// </summary>
public sealed class ClickEventAvroCodec : AvroRecordCodec<ClickEvent>
{
    private const string Record = "ClickEvent";

    private const string CanonicalForm =
        """{"name":"io.journeymapper.events.ClickEvent","type":"record","fields":[{"name":"eventId","type":"string"},{"name":"timestamp","type":"long"},{"name":"eventType","type":"string"},{"name":"userId","type":["null","string"]},{"name":"anonymousId","type":["null","string"]},{"name":"channel","type":["null","string"]},{"name":"productId","type":["null","string"]},{"name":"pageUrl","type":["null","string"]},{"name":"referrer","type":["null","string"]},{"name":"campaign","type":["null","string"]},{"name":"deviceId","type":["null","string"]},{"name":"ipAddress","type":["null","string"]},{"name":"userAgent","type":["null","string"]},{"name":"properties","type":["null",{"type":"map","values":"string"}]}]}""";

    private ClickEventAvroCodec()
        : base(RecordSchemas.ClickEvent, CanonicalForm)
    {
        ExpectLogicalType(Schema, "timestamp", LogicalType.TimestampMillis);
    }

    public static ClickEventAvroCodec Instance { get; } = new();

    public override void Write(AvroWriter writer, ClickEvent value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteString(AvroFields.Required(value.EventId, Record, "eventId"));
        writer.WriteLong(value.Timestamp ?? throw AvroFields.MissingField(Record, "timestamp"));
        writer.WriteString(AvroFields.Required(value.EventType, Record, "eventType"));
        AvroFields.WriteOptionalString(writer, value.UserId);
        AvroFields.WriteOptionalString(writer, value.AnonymousId);
        AvroFields.WriteOptionalString(writer, value.Channel);
        AvroFields.WriteOptionalString(writer, value.ProductId);
        AvroFields.WriteOptionalString(writer, value.PageUrl);
        AvroFields.WriteOptionalString(writer, value.Referrer);
        AvroFields.WriteOptionalString(writer, value.Campaign);
        AvroFields.WriteOptionalString(writer, value.DeviceId);
        AvroFields.WriteOptionalString(writer, value.IpAddress);
        AvroFields.WriteOptionalString(writer, value.UserAgent);
        if (value.Properties is { } properties)
        {
            writer.WriteUnionIndex(1);
            AvroFields.WriteStringMap(writer, properties);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    public override ClickEvent Read(ref AvroReader reader) => new()
    {
        // Object-initializer members are evaluated in the order written, which is the order on the wire.
        EventId = reader.ReadString(),
        Timestamp = reader.ReadLong(),
        EventType = reader.ReadString(StringPool.Shared),
        UserId = AvroFields.ReadOptionalString(ref reader),
        AnonymousId = AvroFields.ReadOptionalString(ref reader),
        Channel = AvroFields.ReadOptionalString(ref reader, StringPool.Shared),
        ProductId = AvroFields.ReadOptionalString(ref reader),
        PageUrl = AvroFields.ReadOptionalString(ref reader),
        Referrer = AvroFields.ReadOptionalString(ref reader),
        Campaign = AvroFields.ReadOptionalString(ref reader, StringPool.Shared),
        DeviceId = AvroFields.ReadOptionalString(ref reader),
        IpAddress = AvroFields.ReadOptionalString(ref reader),
        UserAgent = AvroFields.ReadOptionalString(ref reader, StringPool.UserAgents),
        Properties = AvroFields.ReadOptionalStringMap(ref reader),
    };

    public override ClickEvent FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new()
        {
            EventId = AvroFields.GetString(record, 0),
            Timestamp = AvroFields.GetMillis(record, 1),
            EventType = AvroFields.GetString(record, 2),
            UserId = AvroFields.GetOptionalString(record, 3),
            AnonymousId = AvroFields.GetOptionalString(record, 4),
            Channel = AvroFields.GetOptionalString(record, 5),
            ProductId = AvroFields.GetOptionalString(record, 6),
            PageUrl = AvroFields.GetOptionalString(record, 7),
            Referrer = AvroFields.GetOptionalString(record, 8),
            Campaign = AvroFields.GetOptionalString(record, 9),
            DeviceId = AvroFields.GetOptionalString(record, 10),
            IpAddress = AvroFields.GetOptionalString(record, 11),
            UserAgent = AvroFields.GetOptionalString(record, 12),
            Properties = AvroFields.GetOptionalStringMap(record, 13),
        };
    }
}
