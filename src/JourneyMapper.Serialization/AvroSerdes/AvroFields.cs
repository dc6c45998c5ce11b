using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>
/// The encodings the hand-written codecs share: optional values as <c>["null", T]</c> unions (null first, as all
/// our schemas declare them), string arrays and maps, decimal(12, 2) bytes, and the generic-value conversions of
/// the schema-evolution path. Collections are written as one block, as <see cref="GenericDatumWriter"/> writes
/// them, so typed and generic encodings of the same value are byte-identical.
/// </summary>
internal static class AvroFields
{
    // The fewest bytes an item can take: a string is at least its length byte, a double eight bytes.
    private const int MinStringBytes = 1;
    private const int MinStringEntryBytes = 2;
    private const int MinDoubleEntryBytes = 9;

    // Room on the stack for the UTF-8 of an item of an IUtf8StringList: a UUID is 36 bytes.
    private const int StackBytes = 256;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteOptionalString(AvroWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteUnionIndex(0);
        }
        else
        {
            writer.WriteUnionIndex(1);
            writer.WriteString(value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? ReadOptionalString(ref AvroReader reader, StringPool? pool = null) =>
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadString(pool);

    public static string Required(string? value, string record, string field) =>
        value ?? throw MissingField(record, field);

    public static T Required<T>(T? value, string record, string field)
        where T : class =>
        value ?? throw MissingField(record, field);

    public static AvroException MissingField(string record, string field) =>
        new($"{record}.{field} is null, but the Avro schema requires it");

    public static void WriteStringArray(AvroWriter writer, IReadOnlyList<string>? items, string record, string field)
    {
        ArgumentNullException.ThrowIfNull(writer);
        items = Required(items, record, field);
        var count = items.Count;
        if (count > 0)
        {
            writer.WriteBlockCount(count);
            if (items is IUtf8StringList utf8)
            {
                WriteUtf8Items(writer, utf8);
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    writer.WriteString(items[i] ?? throw new AvroException($"{record}.{field}[{i}] is null, but the Avro schema requires strings"));
                }
            }
        }

        writer.WriteCollectionEnd();
    }

    // Items are copied as UTF-8 onto the stack; only one too long for it becomes a string.
    private static void WriteUtf8Items(AvroWriter writer, IUtf8StringList items)
    {
        Span<byte> utf8 = stackalloc byte[StackBytes];
        for (var i = 0; i < items.Count; i++)
        {
            if (items.TryCopyUtf8(i, utf8, out var written))
            {
                writer.WriteStringUtf8(utf8[..written]);
                continue;
            }

            writer.WriteString(items[i]);
        }
    }

    public static string[] ReadStringArray(ref AvroReader reader)
    {
        var count = reader.ReadBlockCount(MinStringBytes, out var blockEnd);
        if (count == 0)
        {
            return [];
        }

        var items = new string[count];
        var length = 0;
        while (count != 0)
        {
            // A count is bounded by the bytes left, and every item read consumed one, so this cannot overflow.
            if (length + count > items.Length)
            {
                Array.Resize(ref items, Math.Max(items.Length * 2, length + count));
            }

            for (var i = 0; i < count; i++)
            {
                items[length++] = reader.ReadString();
            }

            reader.CheckBlockEnd(blockEnd);
            count = reader.ReadBlockCount(MinStringBytes, out blockEnd);
        }

        if (length != items.Length)
        {
            Array.Resize(ref items, length);
        }

        return items;
    }

    // The map cannot change while it is written (it is immutable) and holds no null (its builder refuses them). Its
    // inline slots are read as a span rather than through its enumerator, which costs about 10 ns per event here.
    public static void WriteStringMap(AvroWriter writer, in EventProperties map)
    {
        if (map.LargeEntries is { } large)
        {
            writer.WriteBlockCount(large.Count);
            foreach (var (key, value) in large)
            {
                writer.WriteString(key);
                writer.WriteString(value);
            }
        }
        else
        {
            var entries = map.InlineSlice;
            if (entries.Length > 0)
            {
                writer.WriteBlockCount(entries.Length);
                foreach (ref readonly var entry in entries)
                {
                    writer.WriteString(entry.Key);
                    writer.WriteString(entry.Value);
                }
            }
        }

        writer.WriteCollectionEnd();
    }

    public static EventProperties? ReadOptionalStringMap(ref AvroReader reader) =>
        reader.ReadUnionIndex(2) == 0 ? null : ReadStringMap(ref reader);

    public static EventProperties ReadStringMap(ref AvroReader reader)
    {
        var count = reader.ReadBlockCount(MinStringEntryBytes, out var blockEnd);
        var map = new EventProperties.Builder();
        while (count != 0)
        {
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString(StringPool.Shared);
                map.Set(key, reader.ReadString());
            }

            reader.CheckBlockEnd(blockEnd);
            count = reader.ReadBlockCount(MinStringEntryBytes, out blockEnd);
        }

        return map.ToProperties();
    }

    public static void WriteDoubleMap(AvroWriter writer, IReadOnlyDictionary<string, double>? map, string record, string field)
    {
        map = Required(map, record, field);
        var count = map.Count;
        if (count > 0)
        {
            writer.WriteBlockCount(count);
            var written = 0;
            // A map that is also a list of its entries is written by index, without an enumerator.
            if (map is IReadOnlyList<KeyValuePair<string, double>> entries)
            {
                for (; written < entries.Count; written++)
                {
                    writer.WriteString(entries[written].Key);
                    writer.WriteDouble(entries[written].Value);
                }
            }
            else if (map is Dictionary<string, double> dictionary)
            {
                foreach (var entry in dictionary)
                {
                    writer.WriteString(entry.Key);
                    writer.WriteDouble(entry.Value);
                    written++;
                }
            }
            else
            {
                foreach (var entry in map)
                {
                    writer.WriteString(entry.Key);
                    writer.WriteDouble(entry.Value);
                    written++;
                }
            }

            if (written != count)
            {
                throw new AvroException($"{record}.{field} changed while it was being written");
            }
        }

        writer.WriteCollectionEnd();
    }

    public static Dictionary<string, double> ReadDoubleMap(ref AvroReader reader)
    {
        var count = reader.ReadBlockCount(MinDoubleEntryBytes, out var blockEnd);
        var map = new Dictionary<string, double>(count, StringComparer.Ordinal);
        while (count != 0)
        {
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                map[key] = reader.ReadDouble();
            }

            reader.CheckBlockEnd(blockEnd);
            count = reader.ReadBlockCount(MinDoubleEntryBytes, out blockEnd);
        }

        return map;
    }

    /// <summary>
    /// A decimal as the decimal logical type's bytes: the unscaled value at <paramref name="scale"/>, big-endian
    /// two's complement in as few bytes as hold it (what Java and <see cref="GenericDatumWriter"/> write).
    /// </summary>
    public static void WriteDecimal(AvroWriter writer, decimal value, int precision, int scale, string record, string field)
    {
        AvroDecimal scaled;
        try
        {
            scaled = AvroDecimal.FromDecimal(value).Rescale(scale);
        }
        catch (AvroException e)
        {
            throw new AvroException($"{record}.{field} = {value} has more than the {scale} decimal places its schema allows", e);
        }

        var unscaled = scaled.Unscaled;
        if (BigInteger.Abs(unscaled) >= BigInteger.Pow(10, precision))
        {
            throw new AvroException($"{record}.{field} = {value} has more than the {precision} digits of precision its schema allows");
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!unscaled.TryWriteBytes(bytes, out var length, isUnsigned: false, isBigEndian: true))
        {
            throw new AvroException($"{record}.{field} = {value} does not fit in 16 bytes");
        }

        writer.WriteBytes(bytes[..length]);
    }

    /// <summary>Reads decimal bytes; more digits than System.Decimal holds is malformed input here.</summary>
    public static decimal ReadDecimal(ref AvroReader reader, int scale)
    {
        var bytes = reader.ReadBytesSpan();
        var unscaled = bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
        return ToDecimal(new AvroDecimal(unscaled, scale));
    }

    public static decimal ToDecimal(AvroDecimal value)
    {
        try
        {
            return value.ToDecimal();
        }
        catch (OverflowException e)
        {
            throw new AvroException($"decimal {value} has more digits than System.Decimal holds", e);
        }
    }

    // The schema-evolution path: values of a GenericRecord already resolved to our reader schema, so each has the
    // type that schema gives it (see GenericDatumReader for the mapping); anything else is a bug, not bad input.

    public static string GetString(GenericRecord record, int position) =>
        record[position] as string ?? throw Unexpected(record, position, "a string");

    public static string? GetOptionalString(GenericRecord record, int position) => record[position] switch
    {
        null => null,
        string text => text,
        _ => throw Unexpected(record, position, "a string or null"),
    };

    public static long GetMillis(GenericRecord record, int position) => record[position] switch
    {
        DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
        long millis => millis,
        _ => throw Unexpected(record, position, "a timestamp-millis"),
    };

    public static int GetInt(GenericRecord record, int position) =>
        record[position] is int number ? number : throw Unexpected(record, position, "an int");

    public static bool GetBoolean(GenericRecord record, int position) =>
        record[position] is bool flag ? flag : throw Unexpected(record, position, "a boolean");

    public static double? GetOptionalDouble(GenericRecord record, int position) => record[position] switch
    {
        null => null,
        double number => number,
        _ => throw Unexpected(record, position, "a double or null"),
    };

    public static decimal? GetOptionalDecimal(GenericRecord record, int position) => record[position] switch
    {
        null => null,
        AvroDecimal number => ToDecimal(number),
        _ => throw Unexpected(record, position, "a decimal or null"),
    };

    public static int? GetOptionalEnumIndex(GenericRecord record, int position) => record[position] switch
    {
        null => null,
        GenericEnum symbol => symbol.Index,
        _ => throw Unexpected(record, position, "an enum symbol or null"),
    };

    public static string[] GetStringArray(GenericRecord record, int position)
    {
        if (record[position] is not List<object?> list)
        {
            throw Unexpected(record, position, "an array");
        }

        var items = new string[list.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = list[i] as string ?? throw Unexpected(record, position, "an array of strings");
        }

        return items;
    }

    public static EventProperties? GetOptionalStringMap(GenericRecord record, int position)
    {
        switch (record[position])
        {
            case null:
                return null;
            case Dictionary<string, object?> map:
                var result = new EventProperties.Builder();
                foreach (var entry in map)
                {
                    result.Set(entry.Key, entry.Value as string ?? throw Unexpected(record, position, "a map of strings"));
                }

                return result.ToProperties();
            default:
                throw Unexpected(record, position, "a map or null");
        }
    }

    public static Dictionary<string, double> GetDoubleMap(GenericRecord record, int position)
    {
        if (record[position] is not Dictionary<string, object?> map)
        {
            throw Unexpected(record, position, "a map");
        }

        var result = new Dictionary<string, double>(map.Count, StringComparer.Ordinal);
        foreach (var entry in map)
        {
            result[entry.Key] = entry.Value is double number ? number : throw Unexpected(record, position, "a map of doubles");
        }

        return result;
    }

    [DoesNotReturn]
    public static void TrailingBytes(int remaining) =>
        throw new AvroException($"{remaining} bytes left after the record");

    private static InvalidOperationException Unexpected(GenericRecord record, int position, string expected) =>
        new($"Field '{record.Schema.Fields[position].Name}' of the resolved record '{record.Schema.FullName}' holds {record[position]?.GetType().Name ?? "null"}, not {expected}");
}
