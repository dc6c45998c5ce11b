using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>A map from string keys to values of one schema.</summary>
public sealed class MapSchema : AvroSchema
{
    internal MapSchema(AvroSchema values, IReadOnlyDictionary<string, JsonElement>? properties)
        : base(AvroType.Map, null, properties)
    {
        Values = values;
    }

    public AvroSchema Values { get; }
}
