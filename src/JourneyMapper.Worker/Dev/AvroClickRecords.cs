using Confluent.Kafka;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Tools.Generator;

namespace JourneyMapper.Worker.Dev;

/// <summary>
/// The synthetic clickstream as a Confluent Avro producer sends it: each valid event Avro-encoded in schema-registry
/// framing, and each deliberately malformed record turned into its Avro counterpart, so that <c>dev</c> and
/// <c>generate</c> show every kind of dead letter in Avro mode too:
/// <list type="bullet">
/// <item>not JSON: sent as is, text from a producer that bypasses the registry (<c>unknown-magic-byte</c>);</item>
/// <item>truncated JSON: the Avro record cut off halfway (<c>malformed-body</c>);</item>
/// <item>missing eventId: an empty eventId, which Avro can carry but validation refuses (<c>missing-event-id</c>);</item>
/// <item>bad timestamp (Avro's timestamp is a long, it cannot be malformed): the record framed with a schema id the
/// registry never issued (<c>unknown-schema-id</c>).</item>
/// </list>
/// </summary>
public static class AvroClickRecords
{
    /// <summary>A schema id registries do not reach in practice.</summary>
    public const int UnregisteredSchemaId = 999_999_999;

    /// <param name="records">The generator's records before encoding (<see cref="ClickstreamGenerator.StreamRecords"/>), malformed ones included.</param>
    /// <param name="avro">The Avro serializer; it registers the ClickEvent schema under the topic's subject on first use.</param>
    public static IEnumerable<RawClickRecord> Encode(IEnumerable<GeneratedRecord> records, ISerializer<ClickEvent> avro, string topic)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(avro);
        var context = new SerializationContext(MessageComponentType.Value, topic);

        // Records that are not JSON go out as they come, the others just before the valid record of their event:
        // the order this stream has always had, which a seed reproduces.
        var pending = new List<GeneratedRecord>();
        foreach (var record in records)
        {
            switch (record.Defect)
            {
                case RecordDefect.None:
                    foreach (var malformed in pending)
                    {
                        yield return new RawClickRecord(malformed.Event.CustomerId!, Malform(malformed, avro, context), malformed.Defect);
                    }

                    pending.Clear();
                    yield return new RawClickRecord(record.Event.CustomerId!, avro.Serialize(record.Event, context), RecordDefect.None);
                    break;
                case RecordDefect.NotJson:
                    yield return JsonClickRecords.Encode(record);
                    break;
                default:
                    pending.Add(record);
                    break;
            }
        }
    }

    private static byte[] Malform(GeneratedRecord record, ISerializer<ClickEvent> avro, SerializationContext context) => record.Defect switch
    {
        RecordDefect.TruncatedJson => Truncate(avro.Serialize(record.Event, context)),
        RecordDefect.MissingEventId => avro.Serialize(record.Event with { EventId = "" }, context),
        RecordDefect.BadTimestamp => ConfluentWireFormat.Write(UnregisteredSchemaId, avro.Serialize(record.Event, context).AsSpan(ConfluentWireFormat.HeaderSize)),
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.Defect, "not a defect Avro re-encodes"),
    };

    // The header stays whole, so the failure is the body's.
    private static byte[] Truncate(byte[] message) =>
        message[..(ConfluentWireFormat.HeaderSize + ((message.Length - ConfluentWireFormat.HeaderSize) / 2))];
}
