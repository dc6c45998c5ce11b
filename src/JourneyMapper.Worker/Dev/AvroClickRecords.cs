using Confluent.Kafka;
using JourneyMapper.Serialization.Json;
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

    /// <param name="records">The generator's raw records (JSON), malformed ones included.</param>
    /// <param name="avro">The Avro serializer; it registers the ClickEvent schema under the topic's subject on first use.</param>
    public static IEnumerable<RawClickRecord> Encode(IEnumerable<RawClickRecord> records, ISerializer<ClickEvent> avro, string topic)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(avro);
        var context = new SerializationContext(MessageComponentType.Value, topic);

        // The generator slips a malformed record in just before the valid one of the event it was made from, and only
        // that event can make its Avro counterpart: malformed records wait for it.
        var pending = new List<RawClickRecord>();
        foreach (var record in records)
        {
            if (record.IsValid)
            {
                var click = JsonSerdes.ClickEvent.Deserialize(record.Value, isNull: false, SerializationContext.Empty);
                foreach (var malformed in pending)
                {
                    yield return malformed with { Value = Malform(malformed, click, avro, context) };
                }

                pending.Clear();
                yield return record with { Value = avro.Serialize(click, context) };
            }
            else if (record.Defect == RecordDefect.NotJson)
            {
                yield return record;
            }
            else
            {
                pending.Add(record);
            }
        }
    }

    private static byte[] Malform(RawClickRecord record, ClickEvent click, ISerializer<ClickEvent> avro, SerializationContext context) => record.Defect switch
    {
        RecordDefect.TruncatedJson => Truncate(avro.Serialize(click, context)),
        RecordDefect.MissingEventId => avro.Serialize(click with { EventId = "" }, context),
        RecordDefect.BadTimestamp => ConfluentWireFormat.Write(UnregisteredSchemaId, avro.Serialize(click, context).AsSpan(ConfluentWireFormat.HeaderSize)),
        _ => record.Value,
    };

    // The header stays whole, so the failure is the body's.
    private static byte[] Truncate(byte[] message) =>
        message[..(ConfluentWireFormat.HeaderSize + ((message.Length - ConfluentWireFormat.HeaderSize) / 2))];
}
