using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>
/// Generic values to and from the "tagged JSON" the node peer speaks (see node/peer.js), directed by the schema so
/// nothing is lost: long as a decimal string; float and double as numbers, or "NaN", "Infinity", "-Infinity", "-0";
/// bytes and fixed as base64; a decimal as a string with exactly the schema's scale; union as [branch, value].
/// Logical types travel as their underlying values (days, epoch milliseconds or microseconds, uuid text), converted
/// here independently of the library under test.
/// </summary>
internal static class TaggedJson
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static JsonNode? ToJson(AvroSchema schema, object? value)
    {
        switch (schema)
        {
            case RecordSchema record:
                var generic = (GenericRecord)value!;
                var obj = new JsonObject();
                foreach (var field in record.Fields)
                {
                    obj[field.Name] = ToJson(field.Schema, generic[field.Position]);
                }

                return obj;
            case EnumSchema:
                return ((GenericEnum)value!).Symbol;
            case FixedSchema fixedSchema:
                return fixedSchema.LogicalType is { Kind: LogicalTypeKind.Decimal } fixedDecimal
                    ? DecimalText((AvroDecimal)value!, fixedDecimal.Scale)
                    : Convert.ToBase64String(((GenericFixed)value!).Value.Span);
            case ArraySchema array:
                var items = new JsonArray();
                foreach (var item in (List<object?>)value!)
                {
                    items.Add(ToJson(array.Items, item));
                }

                return items;
            case MapSchema map:
                var entries = new JsonObject();
                foreach (var (key, entry) in (Dictionary<string, object?>)value!)
                {
                    entries[key] = ToJson(map.Values, entry);
                }

                return entries;
            case UnionSchema union:
                int branch = BranchOf(union, value);
                return new JsonArray(branch, ToJson(union.Branches[branch], value));
        }

        return schema.Type switch
        {
            AvroType.Null => value is null ? null : throw new ArgumentException($"null schema, value {value}"),
            AvroType.Boolean => (bool)value!,
            AvroType.Int => schema.LogicalType?.Kind == LogicalTypeKind.Date ? ((DateOnly)value!).DayNumber - UnixEpochDayNumber : (int)value!,
            AvroType.Long => schema.LogicalType?.Kind switch
            {
                LogicalTypeKind.TimestampMillis => FloorDiv(((DateTimeOffset)value!).UtcTicks - UnixEpochTicks, TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture),
                LogicalTypeKind.TimestampMicros => FloorDiv(((DateTimeOffset)value!).UtcTicks - UnixEpochTicks, TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture),
                _ => ((long)value!).ToString(CultureInfo.InvariantCulture),
            },
            AvroType.Float => NumberToJson((float)value!),
            AvroType.Double => NumberToJson((double)value!),
            AvroType.Bytes => schema.LogicalType is { Kind: LogicalTypeKind.Decimal } bytesDecimal
                ? DecimalText((AvroDecimal)value!, bytesDecimal.Scale)
                : Convert.ToBase64String((byte[])value!),
            _ => schema.LogicalType?.Kind == LogicalTypeKind.Uuid ? ((Guid)value!).ToString("D") : (string)value!,
        };
    }

    /// <summary>The generic value GenericDatumReader would give for this JSON (see its documented mapping).</summary>
    public static object? FromJson(AvroSchema schema, JsonNode? node)
    {
        switch (schema)
        {
            case RecordSchema record:
                var obj = node!.AsObject();
                var generic = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    if (!obj.TryGetPropertyValue(field.Name, out var fieldNode))
                    {
                        throw new FormatException($"The peer's record '{record.FullName}' has no field '{field.Name}'");
                    }

                    generic[field.Position] = FromJson(field.Schema, fieldNode);
                }

                return generic;
            case EnumSchema enumSchema:
                return GenericEnum.Of(enumSchema, node!.GetValue<string>());
            case FixedSchema fixedSchema:
                return fixedSchema.LogicalType is { Kind: LogicalTypeKind.Decimal } fixedDecimal
                    ? ParseDecimal(node!.GetValue<string>(), fixedDecimal.Scale)
                    : new GenericFixed(fixedSchema, Convert.FromBase64String(node!.GetValue<string>()));
            case ArraySchema array:
                return node!.AsArray().Select(item => FromJson(array.Items, item)).ToList();
            case MapSchema map:
                var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, entry) in node!.AsObject())
                {
                    entries.Add(key, FromJson(map.Values, entry));
                }

                return entries;
            case UnionSchema union:
                var pair = node!.AsArray();
                return FromJson(union.Branches[pair[0]!.GetValue<int>()], pair[1]);
        }

        return schema.Type switch
        {
            AvroType.Null => node is null ? null : throw new FormatException($"null expected, the peer sent {node.ToJsonString()}"),
            AvroType.Boolean => node!.GetValue<bool>(),
            AvroType.Int => schema.LogicalType?.Kind == LogicalTypeKind.Date
                ? DateOnly.FromDayNumber(UnixEpochDayNumber + node!.GetValue<int>())
                : node!.GetValue<int>(),
            AvroType.Long => schema.LogicalType?.Kind switch
            {
                LogicalTypeKind.TimestampMillis => new DateTimeOffset(UnixEpochTicks + (ParseLong(node) * TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
                LogicalTypeKind.TimestampMicros => new DateTimeOffset(UnixEpochTicks + (ParseLong(node) * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero),
                _ => ParseLong(node),
            },
            AvroType.Float => (float)NumberFromJson(node),
            AvroType.Double => NumberFromJson(node),
            AvroType.Bytes => schema.LogicalType is { Kind: LogicalTypeKind.Decimal } bytesDecimal
                ? ParseDecimal(node!.GetValue<string>(), bytesDecimal.Scale)
                : Convert.FromBase64String(node!.GetValue<string>()),
            _ => schema.LogicalType?.Kind == LogicalTypeKind.Uuid ? Guid.ParseExact(node!.GetValue<string>(), "D") : node!.GetValue<string>(),
        };
    }

    /// <summary>
    /// The branch a generic value belongs to, by its .NET type and, for named types, its schema's full name. The
    /// generated schemas never hold two branches a value could belong to, so exactly one must match.
    /// </summary>
    public static int BranchOf(UnionSchema union, object? value)
    {
        int found = -1;
        for (int i = 0; i < union.Branches.Count; i++)
        {
            if (Belongs(union.Branches[i], value))
            {
                if (found >= 0)
                {
                    throw new ArgumentException($"{GenericData.ToDisplayString(value)} fits branches {found} and {i} of {union}");
                }

                found = i;
            }
        }

        return found >= 0 ? found : throw new ArgumentException($"{GenericData.ToDisplayString(value)} ({value?.GetType().Name}) fits no branch of {union}");
    }

    private static bool Belongs(AvroSchema branch, object? value)
    {
        var logical = branch.LogicalType?.Kind;
        return value switch
        {
            null => branch.Type == AvroType.Null,
            bool => branch.Type == AvroType.Boolean,
            int => branch.Type == AvroType.Int && logical != LogicalTypeKind.Date,
            DateOnly => branch.Type == AvroType.Int && logical == LogicalTypeKind.Date,
            long => branch.Type == AvroType.Long && logical is not (LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros),
            DateTimeOffset => branch.Type == AvroType.Long && logical is LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros,
            float => branch.Type == AvroType.Float,
            double => branch.Type == AvroType.Double,
            byte[] => branch.Type == AvroType.Bytes && logical != LogicalTypeKind.Decimal,
            AvroDecimal => branch.Type is AvroType.Bytes or AvroType.Fixed && logical == LogicalTypeKind.Decimal,
            string => branch.Type == AvroType.String && logical != LogicalTypeKind.Uuid,
            Guid => branch.Type == AvroType.String && logical == LogicalTypeKind.Uuid,
            GenericRecord record => branch is RecordSchema schema && schema.FullName == record.Schema.FullName,
            GenericEnum symbol => branch is EnumSchema schema && schema.FullName == symbol.Schema.FullName,
            GenericFixed fixedValue => branch is FixedSchema schema && logical != LogicalTypeKind.Decimal && schema.FullName == fixedValue.Schema.FullName,
            List<object?> => branch.Type == AvroType.Array,
            Dictionary<string, object?> => branch.Type == AvroType.Map,
            _ => false,
        };
    }

    /// <summary>The decimal with exactly <paramref name="scale"/> fractional digits (the value must not need rounding).</summary>
    public static string DecimalText(AvroDecimal value, int scale)
    {
        var unscaled = value.Rescale(scale).Unscaled;
        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = digits[..^scale] + "." + digits[^scale..];
        }

        return unscaled.Sign < 0 ? "-" + digits : digits;
    }

    private static AvroDecimal ParseDecimal(string text, int scale)
    {
        int point = text.IndexOf('.', StringComparison.Ordinal);
        int fractionDigits = point < 0 ? 0 : text.Length - point - 1;
        if (fractionDigits != scale)
        {
            throw new FormatException($"The peer's decimal '{text}' has {fractionDigits} fractional digits, the schema's scale is {scale}");
        }

        return new AvroDecimal(BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), scale);
    }

    private static long ParseLong(JsonNode? node) => long.Parse(node!.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static JsonNode NumberToJson(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        0 when double.IsNegative(value) => "-0",
        _ => JsonValue.Create(value),
    };

    private static double NumberFromJson(JsonNode? node)
    {
        if (node is JsonValue text && text.TryGetValue(out string? special))
        {
            return special switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                "-0" => -0.0,
                _ => throw new FormatException($"Not a number: '{special}'"),
            };
        }

        return node!.GetValue<double>();
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
