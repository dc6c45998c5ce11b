using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary><see cref="JourneySegment"/> (with its <see cref="SegmentMatch"/>es and <see cref="ProfileSnapshot"/>) under schemas/JourneySegment.avsc.</summary>
public sealed class JourneySegmentAvroCodec : AvroRecordCodec<JourneySegment>
{
    private const string Record = "JourneySegment";
    private const int ClosedBySymbols = 5;

    // A SegmentMatch is two strings, each at least its length byte.
    private const int MinSegmentMatchBytes = 2;

    private const string CanonicalForm =
        """{"name":"io.journeymapper.journeys.JourneySegment","type":"record","fields":[{"name":"sessionId","type":"string"},{"name":"userId","type":["null","string"]},{"name":"anonymousId","type":["null","string"]},{"name":"start","type":"long"},{"name":"end","type":"long"},{"name":"eventCount","type":"int"},{"name":"eventIds","type":{"type":"array","items":"string"}},{"name":"truncated","type":"boolean"},{"name":"path","type":{"type":"array","items":"string"}},{"name":"features","type":{"type":"map","values":"double"}},{"name":"primarySegment","type":"string"},{"name":"segments","type":{"type":"array","items":{"name":"io.journeymapper.journeys.SegmentMatch","type":"record","fields":[{"name":"label","type":"string"},{"name":"rule","type":"string"}]}}},{"name":"profile","type":["null",{"name":"io.journeymapper.journeys.ProfileSnapshot","type":"record","fields":[{"name":"tier","type":["null","string"]},{"name":"persona","type":["null","string"]},{"name":"lifetimeValue","type":["null","double"]},{"name":"country","type":["null","string"]},{"name":"marketingConsent","type":"boolean"}]}]},{"name":"revision","type":"int"},{"name":"closedBy","type":["null",{"name":"io.journeymapper.journeys.ClosedBy","type":"enum","symbols":["UNKNOWN","INACTIVITY","MAX_DURATION","IDLE_TIMEOUT","SHUTDOWN"]}]}]}""";

    private JourneySegmentAvroCodec()
        : base(RecordSchemas.JourneySegment, CanonicalForm)
    {
        ExpectLogicalType(Schema, "start", LogicalType.TimestampMillis);
        ExpectLogicalType(Schema, "end", LogicalType.TimestampMillis);
    }

    public static JourneySegmentAvroCodec Instance { get; } = new();

    public override void Write(AvroWriter writer, JourneySegment value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteString(AvroFields.Required(value.SessionId, Record, "sessionId"));
        AvroFields.WriteOptionalString(writer, value.UserId);
        AvroFields.WriteOptionalString(writer, value.AnonymousId);
        writer.WriteLong(value.Start);
        writer.WriteLong(value.End);
        writer.WriteInt(value.EventCount);
        AvroFields.WriteStringArray(writer, value.EventIds, Record, "eventIds");
        writer.WriteBoolean(value.Truncated);
        AvroFields.WriteStringArray(writer, value.Path, Record, "path");
        AvroFields.WriteDoubleMap(writer, value.Features, Record, "features");
        writer.WriteString(AvroFields.Required(value.PrimarySegment, Record, "primarySegment"));
        WriteSegments(writer, AvroFields.Required(value.Segments, Record, "segments"));
        if (value.Profile is { } profile)
        {
            writer.WriteUnionIndex(1);
            AvroFields.WriteOptionalString(writer, profile.Tier);
            AvroFields.WriteOptionalString(writer, profile.Persona);
            if (profile.LifetimeValue is { } lifetimeValue)
            {
                writer.WriteUnionIndex(1);
                writer.WriteDouble(lifetimeValue);
            }
            else
            {
                writer.WriteUnionIndex(0);
            }

            AvroFields.WriteOptionalString(writer, profile.Country);
            writer.WriteBoolean(profile.MarketingConsent);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }

        writer.WriteInt(value.Revision);
        if (value.ClosedBy is { } closedBy)
        {
            writer.WriteUnionIndex(1);
            writer.WriteEnumIndex((uint)closedBy < ClosedBySymbols
                ? (int)closedBy
                : throw new AvroException($"{Record}.closedBy = {(int)closedBy} is not a ClosedBy"));
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    public override JourneySegment Read(ref AvroReader reader) => new()
    {
        SessionId = reader.ReadString(),
        UserId = AvroFields.ReadOptionalString(ref reader),
        AnonymousId = AvroFields.ReadOptionalString(ref reader),
        Start = reader.ReadLong(),
        End = reader.ReadLong(),
        EventCount = reader.ReadInt(),
        EventIds = AvroFields.ReadStringArray(ref reader),
        Truncated = reader.ReadBoolean(),
        Path = AvroFields.ReadStringArray(ref reader),
        Features = AvroFields.ReadDoubleMap(ref reader),
        PrimarySegment = reader.ReadString(),
        Segments = ReadSegments(ref reader),
        Profile = reader.ReadUnionIndex(2) == 0 ? null : new ProfileSnapshot
        {
            Tier = AvroFields.ReadOptionalString(ref reader),
            Persona = AvroFields.ReadOptionalString(ref reader),
            LifetimeValue = reader.ReadUnionIndex(2) == 0 ? null : reader.ReadDouble(),
            Country = AvroFields.ReadOptionalString(ref reader),
            MarketingConsent = reader.ReadBoolean(),
        },
        Revision = reader.ReadInt(),
        ClosedBy = reader.ReadUnionIndex(2) == 0 ? null : (ClosedBy)reader.ReadEnumIndex(ClosedBySymbols),
    };

    public override JourneySegment FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new()
        {
            SessionId = AvroFields.GetString(record, 0),
            UserId = AvroFields.GetOptionalString(record, 1),
            AnonymousId = AvroFields.GetOptionalString(record, 2),
            Start = AvroFields.GetMillis(record, 3),
            End = AvroFields.GetMillis(record, 4),
            EventCount = AvroFields.GetInt(record, 5),
            EventIds = AvroFields.GetStringArray(record, 6),
            Truncated = AvroFields.GetBoolean(record, 7),
            Path = AvroFields.GetStringArray(record, 8),
            Features = AvroFields.GetDoubleMap(record, 9),
            PrimarySegment = AvroFields.GetString(record, 10),
            Segments = SegmentsFromGeneric(record, 11),
            Profile = record[12] switch
            {
                null => null,
                GenericRecord profile => new ProfileSnapshot
                {
                    Tier = AvroFields.GetOptionalString(profile, 0),
                    Persona = AvroFields.GetOptionalString(profile, 1),
                    LifetimeValue = AvroFields.GetOptionalDouble(profile, 2),
                    Country = AvroFields.GetOptionalString(profile, 3),
                    MarketingConsent = AvroFields.GetBoolean(profile, 4),
                },
                var other => throw new InvalidOperationException($"Field 'profile' holds {other.GetType().Name}, not a record or null"),
            },
            Revision = AvroFields.GetInt(record, 13),

            // Resolution has already mapped a reason this schema lacks to its default, UNKNOWN.
            ClosedBy = (ClosedBy?)AvroFields.GetOptionalEnumIndex(record, 14),
        };
    }

    private static void WriteSegments(AvroWriter writer, IReadOnlyList<SegmentMatch> segments)
    {
        var count = segments.Count;
        if (count > 0)
        {
            writer.WriteBlockCount(count);
            for (var i = 0; i < count; i++)
            {
                var segment = segments[i] ?? throw new AvroException($"{Record}.segments[{i}] is null, but the Avro schema requires a SegmentMatch");
                writer.WriteString(AvroFields.Required(segment.Label, "SegmentMatch", "label"));
                writer.WriteString(AvroFields.Required(segment.Rule, "SegmentMatch", "rule"));
            }
        }

        writer.WriteCollectionEnd();
    }

    private static SegmentMatch[] ReadSegments(ref AvroReader reader)
    {
        var count = reader.ReadBlockCount(MinSegmentMatchBytes, out var blockEnd);
        if (count == 0)
        {
            return [];
        }

        var segments = new SegmentMatch[count];
        var length = 0;
        while (count != 0)
        {
            if (length + count > segments.Length)
            {
                Array.Resize(ref segments, Math.Max(segments.Length * 2, length + count));
            }

            for (var i = 0; i < count; i++)
            {
                var label = reader.ReadString();
                segments[length++] = new SegmentMatch(label, reader.ReadString());
            }

            reader.CheckBlockEnd(blockEnd);
            count = reader.ReadBlockCount(MinSegmentMatchBytes, out blockEnd);
        }

        if (length != segments.Length)
        {
            Array.Resize(ref segments, length);
        }

        return segments;
    }

    private static SegmentMatch[] SegmentsFromGeneric(GenericRecord record, int position)
    {
        if (record[position] is not List<object?> list)
        {
            throw new InvalidOperationException($"Field 'segments' holds {record[position]?.GetType().Name ?? "null"}, not an array");
        }

        var segments = new SegmentMatch[list.Count];
        for (var i = 0; i < segments.Length; i++)
        {
            var match = list[i] as GenericRecord ?? throw new InvalidOperationException($"segments[{i}] is not a record");
            segments[i] = new SegmentMatch(AvroFields.GetString(match, 0), AvroFields.GetString(match, 1));
        }

        return segments;
    }
}
