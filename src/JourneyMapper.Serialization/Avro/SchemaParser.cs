using System.Globalization;
using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>Turns schema JSON into the schema model, applying the specification's naming and validity rules.</summary>
internal sealed class SchemaParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private static readonly HashSet<string> RecordAttributes = ["type", "name", "namespace", "doc", "aliases", "fields"];
    private static readonly HashSet<string> EnumAttributes = ["type", "name", "namespace", "doc", "aliases", "symbols", "default"];
    private static readonly HashSet<string> FixedAttributes = ["type", "name", "namespace", "doc", "aliases", "size"];
    private static readonly HashSet<string> ArrayAttributes = ["type", "items"];
    private static readonly HashSet<string> MapAttributes = ["type", "values"];
    private static readonly HashSet<string> PrimitiveAttributes = ["type"];
    private static readonly HashSet<string> FieldAttributes = ["name", "type", "doc", "default", "order", "aliases"];

    private readonly SchemaNames _names;
    private readonly List<RecordSchema> _records = [];

    private SchemaParser(SchemaNames names) => _names = names;

    public static AvroSchema Parse(string json, SchemaNames names, bool validateDefaults)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new AvroException($"Schema is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var scope = names.CreateScope();
            var parser = new SchemaParser(scope);
            var schema = parser.ParseSchema(document.RootElement, enclosingNamespace: null);
            if (validateDefaults)
            {
                parser.ValidateDefaults();
            }

            scope.CommitTo(names);
            return schema;
        }
    }

    private void ValidateDefaults()
    {
        foreach (var record in _records)
        {
            foreach (var field in record.Fields)
            {
                if (field.HasDefault && !field.TryGetDefault(out _, out string? error))
                {
                    throw new AvroException($"Record '{record.FullName}': {error}");
                }
            }
        }
    }

    private AvroSchema ParseSchema(JsonElement element, string? enclosingNamespace) => element.ValueKind switch
    {
        JsonValueKind.String => ParseReference(element.GetString()!, enclosingNamespace),
        JsonValueKind.Array => ParseUnion(element, enclosingNamespace),
        JsonValueKind.Object => ParseObject(element, enclosingNamespace),
        _ => throw new AvroException($"A schema must be a JSON string, object or array, not {element.ValueKind}: {Excerpt(element)}"),
    };

    private AvroSchema ParseReference(string name, string? enclosingNamespace) =>
        PrimitiveSchema.ForName(name)
        ?? (AvroSchema?)_names.Resolve(name, enclosingNamespace)
        ?? throw new AvroException($"Undefined name: '{name}'");

    private UnionSchema ParseUnion(JsonElement element, string? enclosingNamespace)
    {
        var branches = new AvroSchema[element.GetArrayLength()];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var branch = ParseSchema(item, enclosingNamespace);
            if (branch.Type == AvroType.Union)
            {
                throw new AvroException("A union may not immediately contain another union");
            }

            // Two branches of one unnamed type (or one fullname) would make the writer's choice ambiguous.
            // A record may be named "array", so named and unnamed keys must not share one space.
            string key = branch is NamedSchema named ? named.FullName : AvroNames.TypeName(branch.Type);
            if (!seen.Add(branch is NamedSchema ? "named " + key : key))
            {
                throw new AvroException($"A union may not contain '{key}' twice");
            }

            branches[i++] = branch;
        }

        return new UnionSchema(branches);
    }

    private AvroSchema ParseObject(JsonElement element, string? enclosingNamespace)
    {
        if (!element.TryGetProperty("type", out var typeElement))
        {
            throw new AvroException($"A schema object needs a 'type': {Excerpt(element)}");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            throw new AvroException($"The 'type' of a schema object must be a string: {Excerpt(element)}");
        }

        string type = typeElement.GetString()!;
        if (PrimitiveSchema.ForName(type) is { } primitive)
        {
            return ParsePrimitive(element, primitive.Type);
        }

        return type switch
        {
            "record" => ParseRecord(element, enclosingNamespace),
            "enum" => ParseEnum(element, enclosingNamespace),
            "fixed" => ParseFixed(element, enclosingNamespace),
            "array" => new ArraySchema(
                ParseSchema(Required(element, "items", "array"), enclosingNamespace),
                Properties(element, ArrayAttributes, null)),
            "map" => new MapSchema(
                ParseSchema(Required(element, "values", "map"), enclosingNamespace),
                Properties(element, MapAttributes, null)),

            // {"type": "SomeName"} refers to a defined type, as Java accepts.
            _ => _names.Resolve(type, enclosingNamespace) ?? throw new AvroException($"Unknown type: '{type}'"),
        };
    }

    private static PrimitiveSchema ParsePrimitive(JsonElement element, AvroType type)
    {
        var logicalType = LogicalTypeParser.Parse(element, type, fixedSize: 0);
        var properties = Properties(element, PrimitiveAttributes, logicalType);
        return logicalType is null && properties is null
            ? PrimitiveSchema.ForName(AvroNames.PrimitiveName(type))!
            : new PrimitiveSchema(type, logicalType, properties);
    }

    private RecordSchema ParseRecord(JsonElement element, string? enclosingNamespace)
    {
        var name = ParseName(element, enclosingNamespace, "record");
        var fieldsElement = Required(element, "fields", "record");
        if (fieldsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"The 'fields' of record '{name.FullName}' must be an array");
        }

        var record = new RecordSchema(
            name,
            ParseTypeAliases(element, name),
            OptionalString(element, "doc"),
            Properties(element, RecordAttributes, null));

        // Registered before its fields are parsed, so fields may refer to the record itself.
        _names.Add(record);
        _records.Add(record);

        var fields = new RecordField[fieldsElement.GetArrayLength()];
        int position = 0;
        foreach (var fieldElement in fieldsElement.EnumerateArray())
        {
            fields[position] = ParseField(fieldElement, position, record);
            position++;
        }

        record.SetFields(fields);
        return record;
    }

    private RecordField ParseField(JsonElement element, int position, RecordSchema record)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new AvroException($"Field {position} of record '{record.FullName}' must be a JSON object");
        }

        string name = OptionalString(element, "name")
            ?? throw new AvroException($"Field {position} of record '{record.FullName}' has no 'name'");
        if (!AvroNames.IsValidName(name))
        {
            throw new AvroException($"Invalid field name '{name}' in record '{record.FullName}'");
        }

        if (!element.TryGetProperty("type", out var typeElement))
        {
            throw new AvroException($"Field '{name}' of record '{record.FullName}' has no 'type'");
        }

        AvroSchema schema;
        try
        {
            schema = ParseSchema(typeElement, record.Namespace);
        }
        catch (AvroException e) when (e.AddContext($"Field '{name}' of record '{record.FullName}'"))
        {
            // Never entered: the filter only annotates.
            throw;
        }

        var order = OptionalString(element, "order") switch
        {
            null or "ascending" => FieldOrder.Ascending,
            "descending" => FieldOrder.Descending,
            "ignore" => FieldOrder.Ignore,
            var other => throw new AvroException($"Field '{name}' has an invalid order '{other}'"),
        };

        JsonElement? defaultJson = element.TryGetProperty("default", out var defaultElement) ? defaultElement.Clone() : null;
        var aliases = StringArray(element, "aliases", $"field '{name}'");
        foreach (string alias in aliases)
        {
            if (!AvroNames.IsValidName(alias))
            {
                throw new AvroException($"Invalid alias '{alias}' of field '{name}'");
            }
        }

        return new RecordField(
            name,
            position,
            schema,
            OptionalString(element, "doc"),
            defaultJson,
            order,
            aliases,
            Properties(element, FieldAttributes, null));
    }

    private EnumSchema ParseEnum(JsonElement element, string? enclosingNamespace)
    {
        var name = ParseName(element, enclosingNamespace, "enum");
        if (!element.TryGetProperty("symbols", out var symbolsElement) || symbolsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"Enum '{name.FullName}' needs a 'symbols' array");
        }

        var symbols = StringArray(element, "symbols", $"enum '{name.FullName}'");
        foreach (string symbol in symbols)
        {
            if (!AvroNames.IsValidName(symbol))
            {
                throw new AvroException($"Invalid symbol '{symbol}' in enum '{name.FullName}'");
            }
        }

        var schema = new EnumSchema(
            name,
            ParseTypeAliases(element, name),
            OptionalString(element, "doc"),
            symbols,
            OptionalString(element, "default"),
            Properties(element, EnumAttributes, null));
        _names.Add(schema);
        return schema;
    }

    private FixedSchema ParseFixed(JsonElement element, string? enclosingNamespace)
    {
        var name = ParseName(element, enclosingNamespace, "fixed");

        int size = ReadSize(Required(element, "size", "fixed"));
        if (size < 0)
        {
            throw new AvroException($"Fixed '{name.FullName}' needs a non-negative integer 'size'");
        }

        var logicalType = LogicalTypeParser.Parse(element, AvroType.Fixed, size);
        var schema = new FixedSchema(
            name,
            ParseTypeAliases(element, name),
            OptionalString(element, "doc"),
            size,
            logicalType,
            Properties(element, FixedAttributes, logicalType));
        _names.Add(schema);
        return schema;
    }

    // Canonical form's INTEGERS rule implies a size may come quoted; accept it. -1 when it is no integer.
    private static int ReadSize(JsonElement size) => size.ValueKind switch
    {
        JsonValueKind.Number when size.TryGetInt32(out int number) => number,
        JsonValueKind.String when int.TryParse(size.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int quoted) => quoted,
        _ => -1,
    };

    private static SchemaName ParseName(JsonElement element, string? enclosingNamespace, string kind)
    {
        string name = OptionalString(element, "name") ?? throw new AvroException($"A {kind} needs a 'name': {Excerpt(element)}");
        string? ns = OptionalString(element, "namespace");
        var resolved = SchemaName.Resolve(name, ns, enclosingNamespace);
        if (!AvroNames.IsValidName(resolved.Name) || !AvroNames.IsValidNamespace(resolved.Namespace))
        {
            throw new AvroException($"Invalid {kind} name '{resolved.FullName}'");
        }

        if (AvroNames.IsPrimitiveName(resolved.Name))
        {
            throw new AvroException($"A {kind} may not be named after the primitive type '{resolved.Name}'");
        }

        return resolved;
    }

    /// <summary>Type aliases are relative to the type's own namespace unless dotted.</summary>
    private static string[] ParseTypeAliases(JsonElement element, SchemaName name)
    {
        var aliases = StringArray(element, "aliases", $"'{name.FullName}'");
        for (int i = 0; i < aliases.Length; i++)
        {
            var alias = SchemaName.Resolve(aliases[i], null, name.Namespace);
            if (!AvroNames.IsValidName(alias.Name) || !AvroNames.IsValidNamespace(alias.Namespace))
            {
                throw new AvroException($"Invalid alias '{aliases[i]}' of '{name.FullName}'");
            }

            aliases[i] = alias.FullName;
        }

        return aliases;
    }

    private static JsonElement Required(JsonElement element, string attribute, string kind) =>
        element.TryGetProperty(attribute, out var value)
            ? value
            : throw new AvroException($"A {kind} needs '{attribute}': {Excerpt(element)}");

    private static string? OptionalString(JsonElement element, string attribute)
    {
        if (!element.TryGetProperty(attribute, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AvroException($"'{attribute}' must be a string: {Excerpt(element)}");
    }

    private static string[] StringArray(JsonElement element, string attribute, string owner)
    {
        if (!element.TryGetProperty(attribute, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"'{attribute}' of {owner} must be an array of strings");
        }

        var result = new string[value.GetArrayLength()];
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new AvroException($"'{attribute}' of {owner} must be an array of strings");
        }

        return result;
    }

    private static Dictionary<string, JsonElement>? Properties(JsonElement element, HashSet<string> reserved, LogicalType? logicalType)
    {
        Dictionary<string, JsonElement>? properties = null;
        foreach (var property in element.EnumerateObject())
        {
            if (!reserved.Contains(property.Name) && !LogicalTypeParser.OwnsAttribute(logicalType, property.Name))
            {
                (properties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value.Clone();
            }
        }

        return properties;
    }

    private static string Excerpt(JsonElement element)
    {
        string text = element.GetRawText();
        return text.Length <= 120 ? text : text[..120] + "...";
    }
}
