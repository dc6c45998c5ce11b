using System.Text;
using Confluent.Kafka;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Worker.Dev;

/// <summary>
/// Renders an output value for the <c>dev</c> printer: JSON as is; Avro click events as their JSON form (so both
/// formats print alike); any other Avro record through its writer's schema from the registry. Not thread-safe.
/// </summary>
internal sealed class DevValueFormatter(IDeserializer<ClickEvent> clickEvents, ISet<string> clickEventTopics, ISchemaRegistryClient? registry)
{
    private readonly Dictionary<int, GenericDatumReader?> _readers = [];

    public string Format(string topic, byte[] value)
    {
        if (registry is null || !ConfluentWireFormat.TryReadHeader(value, out var schemaId, out _))
        {
            return Encoding.UTF8.GetString(value);
        }

        try
        {
            if (clickEventTopics.Contains(topic))
            {
                var click = clickEvents.Deserialize(value, isNull: false, new SerializationContext(MessageComponentType.Value, topic));
                return Encoding.UTF8.GetString(JsonSerdes.ClickEvent.Serialize(click, SerializationContext.Empty));
            }

            if (ReaderFor(schemaId) is { } reader)
            {
                return GenericData.ToDisplayString(reader.Read(value.AsSpan(ConfluentWireFormat.HeaderSize)));
            }
        }
        catch (Exception e) when (e is AvroException or AvroSerdeException or TransientSerdeException or SchemaRegistryException)
        {
            // Printing is best effort; the service's own handling of the record is what counts.
        }

        return $"<Avro, schema id {schemaId}, {value.Length} bytes>";
    }

    private GenericDatumReader? ReaderFor(int schemaId)
    {
        if (!_readers.TryGetValue(schemaId, out var reader))
        {
            reader = new GenericDatumReader(AvroSchema.Parse(registry!.GetSchemaAsync(schemaId).GetAwaiter().GetResult()));
            _readers[schemaId] = reader;
        }

        return reader;
    }
}
