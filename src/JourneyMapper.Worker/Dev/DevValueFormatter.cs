using System.Text;
using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Worker.Dev;

/// <summary>
/// Renders an output value for the <c>dev</c> printer. JSON prints as is. Avro click events and journey segments
/// print as their JSON form, so both formats look alike; any other Avro record prints through its writer's schema
/// from the registry. Not thread-safe.
/// </summary>
internal sealed class DevValueFormatter(
    JourneyTopics topics,
    IDeserializer<ClickEvent> clickEvents,
    IDeserializer<JourneySegment> segments,
    ISchemaRegistryClient? registry)
{
    private readonly Dictionary<int, GenericDatumReader> _readers = [];

    public string Format(string topic, byte[] value)
    {
        if (registry is null || !ConfluentWireFormat.TryReadHeader(value, out var schemaId, out _))
        {
            return Encoding.UTF8.GetString(value);
        }

        var context = new SerializationContext(MessageComponentType.Value, topic);
        try
        {
            if (topic == topics.ValidatedEvents || topic == topics.LateEvents)
            {
                return Encoding.UTF8.GetString(JsonSerdes.ClickEvent.Serialize(clickEvents.Deserialize(value, isNull: false, context), context));
            }

            if (topic == topics.Segments || topic == topics.SessionUpdates || topic == topics.Alerts || topic.StartsWith(topics.TriggerPrefix, StringComparison.Ordinal))
            {
                return Encoding.UTF8.GetString(JsonSerdes.JourneySegment.Serialize(segments.Deserialize(value, isNull: false, context), context));
            }

            return GenericData.ToDisplayString(ReaderFor(schemaId).Read(value.AsSpan(ConfluentWireFormat.HeaderSize)));
        }
        catch (Exception e) when (e is AvroException or AvroSerdeException or TransientSerdeException or SchemaRegistryException)
        {
            // Printing is best effort; what the service did with the record is what counts.
            return $"<Avro, schema id {schemaId}, {value.Length} bytes: {e.Message}>";
        }
    }

    private GenericDatumReader ReaderFor(int schemaId)
    {
        if (!_readers.TryGetValue(schemaId, out var reader))
        {
            reader = new GenericDatumReader(AvroSchema.Parse(registry!.GetSchemaAsync(schemaId).GetAwaiter().GetResult()));
            _readers[schemaId] = reader;
        }

        return reader;
    }
}
