using System.Globalization;
using System.Text;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Writes the Parsing Canonical Form: PRIMITIVES (simple form), FULLNAMES (no namespace attribute), STRIP (only
/// type, name, fields, symbols, items, values, size), ORDER (name, type, fields, symbols, items, values, size),
/// STRINGS and INTEGERS (plain literals) and WHITESPACE (none). Every string it writes is a type name, fullname,
/// field name or symbol, which the parser has already restricted to [A-Za-z0-9_.], so no escaping is ever needed.
/// </summary>
internal static class CanonicalFormWriter
{
    public static string Write(AvroSchema schema)
    {
        var builder = new StringBuilder();
        Append(builder, schema, new HashSet<NamedSchema>(ReferenceEqualityComparer.Instance));
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, AvroSchema schema, HashSet<NamedSchema> defined)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                Quote(builder, primitive.Name);
                break;
            case NamedSchema named when !defined.Add(named):
                // A second occurrence is a reference to the first definition.
                Quote(builder, named.FullName);
                break;
            case RecordSchema record:
                builder.Append("{\"name\":");
                Quote(builder, record.FullName);
                builder.Append(",\"type\":\"record\",\"fields\":[");
                for (int i = 0; i < record.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    builder.Append("{\"name\":");
                    Quote(builder, record.Fields[i].Name);
                    builder.Append(",\"type\":");
                    Append(builder, record.Fields[i].Schema, defined);
                    builder.Append('}');
                }

                builder.Append("]}");
                break;
            case EnumSchema enumSchema:
                builder.Append("{\"name\":");
                Quote(builder, enumSchema.FullName);
                builder.Append(",\"type\":\"enum\",\"symbols\":[");
                for (int i = 0; i < enumSchema.Symbols.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Quote(builder, enumSchema.Symbols[i]);
                }

                builder.Append("]}");
                break;
            case FixedSchema fixedSchema:
                builder.Append("{\"name\":");
                Quote(builder, fixedSchema.FullName);
                builder.Append(",\"type\":\"fixed\",\"size\":")
                    .Append(fixedSchema.Size.ToString(CultureInfo.InvariantCulture))
                    .Append('}');
                break;
            case ArraySchema array:
                builder.Append("{\"type\":\"array\",\"items\":");
                Append(builder, array.Items, defined);
                builder.Append('}');
                break;
            case MapSchema map:
                builder.Append("{\"type\":\"map\",\"values\":");
                Append(builder, map.Values, defined);
                builder.Append('}');
                break;
            case UnionSchema union:
                builder.Append('[');
                for (int i = 0; i < union.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Append(builder, union.Branches[i], defined);
                }

                builder.Append(']');
                break;
            default:
                throw new InvalidOperationException($"Unexpected schema {schema.GetType().Name}");
        }
    }

    private static void Quote(StringBuilder builder, string text) => builder.Append('"').Append(text).Append('"');
}
