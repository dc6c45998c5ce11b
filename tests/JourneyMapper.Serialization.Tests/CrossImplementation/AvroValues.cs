using System.Globalization;
using JourneyMapper.Serialization.Avro;
using Xunit.Sdk;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>Schema-directed comparison of generic values, and the map ordering JavaScript objects impose.</summary>
internal static class AvroValues
{
    /// <summary>
    /// Fails, naming the path of the first difference, unless the values are the same Avro datum: same union branches,
    /// floats and doubles bit for bit (any NaN equals any NaN; 0 and -0 differ), bytes, decimals (unscaled and
    /// scale), maps by key regardless of order.
    /// </summary>
    public static void AssertSame(AvroSchema schema, object? expected, object? actual, string context, Func<string>? details = null)
    {
        string? difference = Difference(schema, expected, actual, "$");
        if (difference is not null)
        {
            throw new XunitException(
                $"{context}: {difference}\n expected: {GenericData.ToDisplayString(expected)}\n   actual: {GenericData.ToDisplayString(actual)}\n{details?.Invoke()}");
        }
    }

    /// <summary>
    /// A copy whose maps list their keys in the order a JavaScript object enumerates them (array-index keys such as
    /// "0" or "42" first, ascending, then the others in insertion order), so the bytes the JS libraries write for
    /// the value are what the C# writer writes for the copy. Map order carries no meaning in Avro.
    /// </summary>
    public static object? InJavaScriptMapOrder(AvroSchema schema, object? value)
    {
        switch (schema)
        {
            case RecordSchema record:
                var source = (GenericRecord)value!;
                var copy = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    copy[field.Position] = InJavaScriptMapOrder(field.Schema, source[field.Position]);
                }

                return copy;
            case ArraySchema array:
                return ((List<object?>)value!).Select(item => InJavaScriptMapOrder(array.Items, item)).ToList();
            case MapSchema map:
                var entries = (Dictionary<string, object?>)value!;
                var ordered = new Dictionary<string, object?>(entries.Count, StringComparer.Ordinal);
                foreach (var key in entries.Keys.Where(k => ArrayIndex(k) is not null).OrderBy(k => ArrayIndex(k)!.Value)
                    .Concat(entries.Keys.Where(k => ArrayIndex(k) is null)))
                {
                    ordered.Add(key, InJavaScriptMapOrder(map.Values, entries[key]));
                }

                return ordered;
            case UnionSchema union:
                return InJavaScriptMapOrder(union.Branches[TaggedJson.BranchOf(union, value)], value);
            default:
                return value;
        }
    }

    // ECMAScript's array index: the canonical decimal form of an integer in [0, 2^32 - 2].
    private static uint? ArrayIndex(string key) =>
        uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out uint index)
        && index != uint.MaxValue
        && index.ToString(CultureInfo.InvariantCulture) == key
            ? index
            : null;

    private static string? Difference(AvroSchema schema, object? expected, object? actual, string path)
    {
        switch (schema)
        {
            case UnionSchema union:
                int expectedBranch = TaggedJson.BranchOf(union, expected);
                int actualBranch;
                try
                {
                    actualBranch = TaggedJson.BranchOf(union, actual);
                }
                catch (ArgumentException e)
                {
                    return $"{path}: {e.Message}";
                }

                return expectedBranch != actualBranch
                    ? $"{path}: union branch {actualBranch} instead of {expectedBranch}"
                    : Difference(union.Branches[expectedBranch], expected, actual, path);
            case RecordSchema record:
                if (actual is not GenericRecord actualRecord || actualRecord.Schema.FullName != record.FullName)
                {
                    return $"{path}: a {actual?.GetType().Name} instead of record {record.FullName}";
                }

                foreach (var field in record.Fields)
                {
                    string? difference = Difference(field.Schema, ((GenericRecord)expected!)[field.Position], actualRecord[field.Position], $"{path}.{field.Name}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case ArraySchema array:
                if (actual is not List<object?> actualList)
                {
                    return $"{path}: a {actual?.GetType().Name} instead of a List<object?>";
                }

                var expectedList = (List<object?>)expected!;
                if (expectedList.Count != actualList.Count)
                {
                    return $"{path}: {actualList.Count} items instead of {expectedList.Count}";
                }

                for (int i = 0; i < expectedList.Count; i++)
                {
                    string? difference = Difference(array.Items, expectedList[i], actualList[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case MapSchema map:
                if (actual is not Dictionary<string, object?> actualMap)
                {
                    return $"{path}: a {actual?.GetType().Name} instead of a Dictionary<string, object?>";
                }

                var expectedMap = (Dictionary<string, object?>)expected!;
                if (expectedMap.Count != actualMap.Count)
                {
                    return $"{path}: {actualMap.Count} entries instead of {expectedMap.Count}";
                }

                foreach (var (key, value) in expectedMap)
                {
                    if (!actualMap.TryGetValue(key, out var actualValue))
                    {
                        return $"{path}: no key \"{key}\"";
                    }

                    string? difference = Difference(map.Values, value, actualValue, $"{path}[\"{key}\"]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
        }

        bool same = (expected, actual) switch
        {
            (float e, float a) => (float.IsNaN(e) && float.IsNaN(a)) || BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a),
            (double e, double a) => (double.IsNaN(e) && double.IsNaN(a)) || BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a),
            (byte[] e, byte[] a) => e.AsSpan().SequenceEqual(a),
            (DateTimeOffset e, DateTimeOffset a) => e.UtcTicks == a.UtcTicks && a.Offset == TimeSpan.Zero,
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ => expected.GetType() == actual.GetType() && expected.Equals(actual),
        };
        return same
            ? null
            : $"{path}: {Display(actual)} instead of {Display(expected)}";
    }

    private static string Display(object? value) => value switch
    {
        float f => $"{f.ToString("R", CultureInfo.InvariantCulture)}f (0x{BitConverter.SingleToInt32Bits(f):X8})",
        double d => $"{d.ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.DoubleToInt64Bits(d):X16})",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => $"{GenericData.ToDisplayString(value)} ({value?.GetType().Name ?? "null"})",
    };
}
