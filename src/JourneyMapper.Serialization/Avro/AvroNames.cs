namespace JourneyMapper.Serialization.Avro;

/// <summary>The specification's lexical rules for names, namespaces and primitive type names.</summary>
internal static class AvroNames
{
    /// <summary>[A-Za-z_][A-Za-z0-9_]*</summary>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Empty (the null namespace) or dot-separated valid names.</summary>
    public static bool IsValidNamespace(string? ns)
    {
        if (string.IsNullOrEmpty(ns))
        {
            return true;
        }

        foreach (var range in ns.AsSpan().Split('.'))
        {
            if (!IsValidName(ns.AsSpan()[range]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsPrimitiveName(string name) => PrimitiveSchema.ForName(name) is not null;

    public static string PrimitiveName(AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a primitive type"),
    };

    /// <summary>The name of a schema's type as written in the "type" attribute (and in messages).</summary>
    public static string TypeName(AvroType type) => type switch
    {
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Array => "array",
        AvroType.Map => "map",
        AvroType.Union => "union",
        AvroType.Fixed => "fixed",
        _ => PrimitiveName(type),
    };

    /// <summary>A short description for error messages: the fullname of named types, else the type name.</summary>
    public static string Describe(AvroSchema schema) => schema switch
    {
        NamedSchema named => $"{TypeName(schema.Type)} '{named.FullName}'",
        ArraySchema array => $"array<{Describe(array.Items)}>",
        MapSchema map => $"map<{Describe(map.Values)}>",
        UnionSchema union => union.Branches.Count <= 4
            ? "union[" + string.Join(", ", union.Branches.Select(Describe)) + "]"
            : $"union of {union.Branches.Count} branches",
        _ => schema.LogicalType is { } logical ? $"{TypeName(schema.Type)} ({logical.Name})" : TypeName(schema.Type),
    };
}
