using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Turns a field's JSON default into the generic value a reader puts in place of a missing field, per the
/// specification's table: bytes and fixed are strings of code points 0-255, a union's default belongs to its
/// first branch, and logical types map as decoded data does.
/// </summary>
internal static class DefaultValueDecoder
{
    public static object? Decode(JsonElement json, AvroSchema schema)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                return json.ValueKind == JsonValueKind.Null ? null : throw Mismatch(json, schema);
            case AvroType.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => BoxedBooleans.True,
                    JsonValueKind.False => BoxedBooleans.False,
                    _ => throw Mismatch(json, schema),
                };
            case AvroType.Int:
                int intValue = json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out int i) ? i : throw Mismatch(json, schema);
                return schema.LogicalType?.Kind == LogicalTypeKind.Date ? LogicalValues.DateFromDays(intValue) : intValue;
            case AvroType.Long:
                long longValue = json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out long l) ? l : throw Mismatch(json, schema);
                return schema.LogicalType?.Kind switch
                {
                    LogicalTypeKind.TimestampMillis => LogicalValues.FromUnixMillis(longValue),
                    LogicalTypeKind.TimestampMicros => LogicalValues.FromUnixMicros(longValue),
                    _ => longValue,
                };
            case AvroType.Float:
                return (float)ReadDouble(json, schema);
            case AvroType.Double:
                return ReadDouble(json, schema);
            case AvroType.Bytes:
                byte[] bytes = ReadByteString(json, schema);
                return schema.LogicalType is { Kind: LogicalTypeKind.Decimal } decimalType
                    ? LogicalValues.DecimalFromBytes(bytes, decimalType.Scale)
                    : bytes;
            case AvroType.String:
                string text = json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Mismatch(json, schema);
                return schema.LogicalType?.Kind == LogicalTypeKind.Uuid ? LogicalValues.ParseUuid(text) : text;
            case AvroType.Fixed:
                var fixedSchema = (FixedSchema)schema;
                byte[] fixedBytes = ReadByteString(json, schema);
                if (fixedBytes.Length != fixedSchema.Size)
                {
                    throw new AvroException($"default for {AvroNames.Describe(schema)} must have {fixedSchema.Size} characters, not {fixedBytes.Length}");
                }

                return fixedSchema.LogicalType is { Kind: LogicalTypeKind.Decimal } fixedDecimal
                    ? LogicalValues.DecimalFromBytes(fixedBytes, fixedDecimal.Scale)
                    : new GenericFixed(fixedSchema, fixedBytes);
            case AvroType.Enum:
                var enumSchema = (EnumSchema)schema;
                string symbol = json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Mismatch(json, schema);
                return enumSchema.GetValue(symbol);
            case AvroType.Array:
                return DecodeArray(json, (ArraySchema)schema);
            case AvroType.Map:
                return DecodeMap(json, (MapSchema)schema);
            case AvroType.Record:
                return DecodeRecord(json, (RecordSchema)schema);
            case AvroType.Union:
                var union = (UnionSchema)schema;
                return union.Branches.Count > 0
                    ? Decode(json, union.Branches[0])
                    : throw new AvroException("an empty union has no default value");
            default:
                throw new AvroException($"Unexpected schema type {schema.Type}");
        }
    }

    private static List<object?> DecodeArray(JsonElement json, ArraySchema schema)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch(json, schema);
        }

        var list = new List<object?>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            list.Add(Decode(item, schema.Items));
        }

        return list;
    }

    private static Dictionary<string, object?> DecodeMap(JsonElement json, MapSchema schema)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(json, schema);
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            map[property.Name] = Decode(property.Value, schema.Values);
        }

        return map;
    }

    private static GenericRecord DecodeRecord(JsonElement json, RecordSchema schema)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(json, schema);
        }

        var values = new object?[schema.Fields.Count];
        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
            {
                values[field.Position] = Decode(value, field.Schema);
            }
            else if (field.HasDefault)
            {
                // A field the default object leaves out takes the field's own default, as Java does.
                values[field.Position] = GenericData.DeepCopy(field.DefaultValue);
            }
            else
            {
                throw new AvroException($"default for record '{schema.FullName}' lacks field '{field.Name}', which has no default");
            }
        }

        return new GenericRecord(schema, values);
    }

    private static double ReadDouble(JsonElement json, AvroSchema schema)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            return json.GetDouble();
        }

        // Java's JSON encoding writes non-finite numbers as these strings; accept them in defaults too.
        return json.ValueKind == JsonValueKind.String
            ? json.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => throw Mismatch(json, schema),
            }
            : throw Mismatch(json, schema);
    }

    private static byte[] ReadByteString(JsonElement json, AvroSchema schema)
    {
        string text = json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Mismatch(json, schema);
        var bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] <= 0xFF
                ? (byte)text[i]
                : throw new AvroException($"default for {AvroNames.Describe(schema)} has a character above U+00FF");
        }

        return bytes;
    }

    private static AvroException Mismatch(JsonElement json, AvroSchema schema)
    {
        string text = json.GetRawText();
        return new AvroException($"{(text.Length <= 60 ? text : text[..60] + "...")} is not a valid default for {AvroNames.Describe(schema)}");
    }
}
