using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Writes a schema back as full JSON (docs, aliases, defaults, orders, logical types and metadata kept). Each named
/// type is defined at its first occurrence and referred to by name afterwards; a namespace attribute is written only
/// where it differs from the enclosing one, so the text re-parses to the same fullnames.
/// </summary>
internal static class SchemaJsonWriter
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static string Write(AvroSchema schema, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            WriteSchema(writer, schema, null, new HashSet<NamedSchema>(ReferenceEqualityComparer.Instance));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteSchema(Utf8JsonWriter writer, AvroSchema schema, string? enclosingNamespace, HashSet<NamedSchema> defined)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive when primitive.LogicalType is null && primitive.Properties.Count == 0:
                writer.WriteStringValue(primitive.Name);
                break;
            case PrimitiveSchema primitive:
                writer.WriteStartObject();
                writer.WriteString("type", primitive.Name);
                WriteLogicalType(writer, primitive.LogicalType);
                WriteProperties(writer, primitive.Properties);
                writer.WriteEndObject();
                break;
            case NamedSchema named when !defined.Add(named):
                writer.WriteStringValue(named.Namespace == enclosingNamespace ? named.Name : named.FullName);
                break;
            case RecordSchema record:
                writer.WriteStartObject();
                WriteNameAttributes(writer, record, "record", enclosingNamespace);
                writer.WriteStartArray("fields");
                foreach (var field in record.Fields)
                {
                    WriteField(writer, field, record.Namespace, defined);
                }

                writer.WriteEndArray();
                WriteProperties(writer, record.Properties);
                writer.WriteEndObject();
                break;
            case EnumSchema enumSchema:
                writer.WriteStartObject();
                WriteNameAttributes(writer, enumSchema, "enum", enclosingNamespace);
                writer.WriteStartArray("symbols");
                foreach (string symbol in enumSchema.Symbols)
                {
                    writer.WriteStringValue(symbol);
                }

                writer.WriteEndArray();
                if (enumSchema.Default is not null)
                {
                    writer.WriteString("default", enumSchema.Default);
                }

                WriteProperties(writer, enumSchema.Properties);
                writer.WriteEndObject();
                break;
            case FixedSchema fixedSchema:
                writer.WriteStartObject();
                WriteNameAttributes(writer, fixedSchema, "fixed", enclosingNamespace);
                writer.WriteNumber("size", fixedSchema.Size);
                WriteLogicalType(writer, fixedSchema.LogicalType);
                WriteProperties(writer, fixedSchema.Properties);
                writer.WriteEndObject();
                break;
            case ArraySchema array:
                writer.WriteStartObject();
                writer.WriteString("type", "array");
                writer.WritePropertyName("items");
                WriteSchema(writer, array.Items, enclosingNamespace, defined);
                WriteProperties(writer, array.Properties);
                writer.WriteEndObject();
                break;
            case MapSchema map:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WritePropertyName("values");
                WriteSchema(writer, map.Values, enclosingNamespace, defined);
                WriteProperties(writer, map.Properties);
                writer.WriteEndObject();
                break;
            case UnionSchema union:
                writer.WriteStartArray();
                foreach (var branch in union.Branches)
                {
                    WriteSchema(writer, branch, enclosingNamespace, defined);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Unexpected schema {schema.GetType().Name}");
        }
    }

    private static void WriteField(Utf8JsonWriter writer, RecordField field, string? recordNamespace, HashSet<NamedSchema> defined)
    {
        writer.WriteStartObject();
        writer.WriteString("name", field.Name);
        writer.WritePropertyName("type");
        WriteSchema(writer, field.Schema, recordNamespace, defined);
        if (field.Doc is not null)
        {
            writer.WriteString("doc", field.Doc);
        }

        if (field.DefaultJson is { } defaultJson)
        {
            writer.WritePropertyName("default");
            defaultJson.WriteTo(writer);
        }

        if (field.Order != FieldOrder.Ascending)
        {
            writer.WriteString("order", field.Order == FieldOrder.Descending ? "descending" : "ignore");
        }

        WriteStrings(writer, "aliases", field.Aliases);
        WriteProperties(writer, field.Properties);
        writer.WriteEndObject();
    }

    private static void WriteNameAttributes(Utf8JsonWriter writer, NamedSchema schema, string type, string? enclosingNamespace)
    {
        writer.WriteString("type", type);
        writer.WriteString("name", schema.Name);
        if (schema.Namespace != enclosingNamespace)
        {
            writer.WriteString("namespace", schema.Namespace ?? string.Empty);
        }

        if (schema.Doc is not null)
        {
            writer.WriteString("doc", schema.Doc);
        }

        if (schema.Aliases.Count > 0)
        {
            writer.WriteStartArray("aliases");
            foreach (string alias in schema.Aliases)
            {
                // Aliases are stored as fullnames; one in the type's own namespace is written short, as it was likely given.
                string prefix = schema.Namespace + ".";
                writer.WriteStringValue(schema.Namespace is not null && alias.StartsWith(prefix, StringComparison.Ordinal) &&
                    alias.IndexOf('.', prefix.Length) < 0 ? alias[prefix.Length..] : alias);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteLogicalType(Utf8JsonWriter writer, LogicalType? logicalType)
    {
        if (logicalType is null)
        {
            return;
        }

        writer.WriteString("logicalType", logicalType.Name);
        if (logicalType.Kind == LogicalTypeKind.Decimal)
        {
            writer.WriteNumber("precision", logicalType.Precision);
            writer.WriteNumber("scale", logicalType.Scale);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> properties)
    {
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
