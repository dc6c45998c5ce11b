using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>An array of items of one schema.</summary>
public sealed class ArraySchema : AvroSchema
{
    internal ArraySchema(AvroSchema items, IReadOnlyDictionary<string, JsonElement>? properties)
        : base(AvroType.Array, null, properties)
    {
        Items = items;
    }

    public AvroSchema Items { get; }
}
