using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>A fixed: named, a constant number of bytes per value.</summary>
public sealed class FixedSchema : NamedSchema
{
    internal FixedSchema(
        SchemaName name,
        IReadOnlyList<string> aliases,
        string? doc,
        int size,
        LogicalType? logicalType,
        IReadOnlyDictionary<string, JsonElement>? properties)
        : base(AvroType.Fixed, name, aliases, doc, logicalType, properties)
    {
        Size = size;
    }

    public int Size { get; }
}
