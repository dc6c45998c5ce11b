using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>A record, enum or fixed: a type with a fullname that other schemas may refer to.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(
        AvroType type,
        SchemaName name,
        IReadOnlyList<string> aliases,
        string? doc,
        LogicalType? logicalType,
        IReadOnlyDictionary<string, JsonElement>? properties)
        : base(type, logicalType, properties)
    {
        SchemaName = name;
        Aliases = aliases;
        Doc = doc;
    }

    public SchemaName SchemaName { get; }

    /// <summary>The simple name (no namespace).</summary>
    public string Name => SchemaName.Name;

    /// <summary>The namespace, or null for the null namespace.</summary>
    public string? Namespace => SchemaName.Namespace;

    public string FullName => SchemaName.FullName;

    /// <summary>Alternate fullnames (aliases resolved against this type's own namespace).</summary>
    public IReadOnlyList<string> Aliases { get; }

    public string? Doc { get; }
}
