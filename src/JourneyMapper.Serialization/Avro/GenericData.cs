using System.Collections;
using System.Globalization;
using System.Text;

namespace JourneyMapper.Serialization.Avro;

/// <summary>Content equality, copying and display for generic values (lists, maps and byte arrays have none of their own).</summary>
public static class GenericData
{
    public static bool DeepEquals(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        switch (left)
        {
            case null:
                return false;
            case byte[] leftBytes:
                return right is byte[] rightBytes && leftBytes.AsSpan().SequenceEqual(rightBytes);
            case IDictionary leftMap:
                return right is IDictionary rightMap && MapsEqual(leftMap, rightMap);
            case IList leftList:
                return right is IList rightList && ListsEqual(leftList, rightList);
            default:
                // Boxed float and double compare NaN equal to NaN here, which is what round-trip checks want.
                return left.Equals(right);
        }
    }

    /// <summary>A copy that shares nothing mutable with <paramref name="value"/> (immutable values are shared).</summary>
    public static object? DeepCopy(object? value)
    {
        switch (value)
        {
            case byte[] bytes:
                return bytes.Clone();
            case List<object?> list:
                var listCopy = new List<object?>(list.Count);
                foreach (var item in list)
                {
                    listCopy.Add(DeepCopy(item));
                }

                return listCopy;
            case Dictionary<string, object?> map:
                var mapCopy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                foreach (var entry in map)
                {
                    mapCopy.Add(entry.Key, DeepCopy(entry.Value));
                }

                return mapCopy;
            case GenericRecord record:
                var values = new object?[record.FieldCount];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = DeepCopy(record[i]);
                }

                return new GenericRecord(record.Schema, values);
            default:
                return value;
        }
    }

    /// <summary>True when <see cref="DeepCopy"/> would copy something, i.e. the value must not be shared.</summary>
    internal static bool IsMutable(object? value) => value is byte[] or List<object?> or Dictionary<string, object?> or GenericRecord;

    /// <summary>A JSON-like rendering for messages and debugging (not Avro's JSON encoding).</summary>
    public static string ToDisplayString(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value, depth: 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, int depth)
    {
        if (depth > 32)
        {
            builder.Append("...");
            return;
        }

        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append('"').Append(text).Append('"');
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case byte[] bytes:
                builder.Append("0x").Append(Convert.ToHexString(bytes));
                break;
            case GenericRecord record:
                builder.Append('{');
                for (int i = 0; i < record.FieldCount; i++)
                {
                    builder.Append(i == 0 ? "\"" : ", \"").Append(record.Schema.Fields[i].Name).Append("\": ");
                    Append(builder, record[i], depth + 1);
                }

                builder.Append('}');
                break;
            case IDictionary map:
                builder.Append('{');
                bool firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    builder.Append(firstEntry ? "\"" : ", \"").Append(entry.Key).Append("\": ");
                    Append(builder, entry.Value, depth + 1);
                    firstEntry = false;
                }

                builder.Append('}');
                break;
            case IList list:
                builder.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Append(builder, list[i], depth + 1);
                }

                builder.Append(']');
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    private static bool ListsEqual(IList left, IList right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (!DeepEquals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MapsEqual(IDictionary left, IDictionary right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (DictionaryEntry entry in left)
        {
            if (!right.Contains(entry.Key) || !DeepEquals(entry.Value, right[entry.Key]))
            {
                return false;
            }
        }

        return true;
    }
}
