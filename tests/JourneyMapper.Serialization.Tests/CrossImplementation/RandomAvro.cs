using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>
/// Seeded random schemas and values. A schema is a record of fields drawn from every type: primitives, logical types
/// (date, timestamp-millis/-micros, uuid, decimal on bytes and on fixed, and annotations the C# library does not map,
/// which must behave as their underlying type), enums, fixed, arrays, maps, unions and nested records, at most three
/// levels deep; named types are declared in several namespaces and referred to again by full or by short name. Values
/// lean towards the edges (extreme ints and longs, NaN, infinities, -0, subnormals, empty and non-ASCII strings and
/// collections, array-index-like map keys). The same seed gives the same schema and values.
/// </summary>
internal sealed class RandomAvro(int seed)
{
    private const int MaxDepth = 3;
    private const long MinUnixMillis = -62_135_596_800_000;
    private const long MaxUnixMillis = 253_402_300_799_999;

    private static readonly string?[] Namespaces = [null, "org.example", "org.example.inner", "com.acme"];

    private static readonly string[] CharacterPools =
    [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_./:",
        "éüßøçñåÆŒ€£¥©®°±µ¶·¿ÀÉ",
        "日本語中文한국어ไทยעבריתالعربية",
        "\0\u0001\t\n\r\"\\\u007f\u0080\u00a0\u2028\u2029\ufeff\uffff",
    ];

    private static readonly string[] SurrogatePairs = ["😀", "🎉", "👩‍👩‍👧", "𝄞", "🇩🇪", "\U0010FFFF"];

    private readonly Random _random = new(seed);
    private readonly List<DeclaredName> _declared = [];
    private int _names;

    /// <summary>A record schema, as JSON text.</summary>
    public string NextSchema()
    {
        _declared.Clear();
        _names = 0;
        return Record(depth: 0, enclosingNamespace: null).ToJsonString();
    }

    public object? NextValue(AvroSchema schema) => Value(schema, depth: 0);

    private JsonObject Record(int depth, string? enclosingNamespace)
    {
        var (name, ns, fullName) = NewName("Record", enclosingNamespace);
        var record = new JsonObject { ["type"] = "record", ["name"] = name };
        if (ns != enclosingNamespace)
        {
            record["namespace"] = ns ?? string.Empty;
        }

        var declared = new DeclaredName(fullName, ns, "record", complete: false);
        _declared.Add(declared);
        var fields = new JsonArray();
        int count = _random.Next(depth == 0 ? 1 : 0, depth == 0 ? 9 : 5);
        for (int i = 0; i < count; i++)
        {
            var field = new JsonObject { ["name"] = $"f{i}_{Letters(2)}", ["type"] = Type(depth + 1, ns, allowUnion: true) };
            if (field["type"] is JsonArray { Count: > 0 } union && union[0] is JsonValue first && first.GetValue<string>() == "null" && _random.Next(2) == 0)
            {
                field["default"] = null;
            }

            fields.Add(field);
        }

        record["fields"] = fields;
        declared.Complete = true;
        return record;
    }

    private JsonNode Type(int depth, string? ns, bool allowUnion)
    {
        int choice = _random.Next(allowUnion ? 24 : 21);
        bool canNest = depth < MaxDepth;
        switch (choice)
        {
            case 0:
                return "boolean";
            case 1:
            case 2:
                return "int";
            case 3:
            case 4:
                return "long";
            case 5:
                return "float";
            case 6:
                return "double";
            case 7:
                return "bytes";
            case 8:
            case 9:
                return "string";
            case 10:
                return Logical();
            case 11:
                return Enum(ns);
            case 12:
                return Fixed(ns, decimalAllowed: true);
            case 13:
            case 14:
                return canNest ? new JsonObject { ["type"] = "array", ["items"] = Type(depth + 1, ns, allowUnion: true) } : "string";
            case 15:
            case 16:
                return canNest ? new JsonObject { ["type"] = "map", ["values"] = Type(depth + 1, ns, allowUnion: true) } : "long";
            case 17:
            case 18:
                return canNest ? Record(depth, ns) : "int";
            case 19:
            case 20:
                return Reference(ns, exclude: new HashSet<string>(), allowOpenRecords: false) ?? (JsonNode)"double";
            default:
                return Union(depth, ns);
        }
    }

    private JsonObject Logical() => _random.Next(9) switch
    {
        0 => new JsonObject { ["type"] = "int", ["logicalType"] = "date" },
        1 => new JsonObject { ["type"] = "long", ["logicalType"] = "timestamp-millis" },
        2 => new JsonObject { ["type"] = "long", ["logicalType"] = "timestamp-micros" },
        3 => new JsonObject { ["type"] = "string", ["logicalType"] = "uuid" },
        4 or 5 => BytesDecimal(),
        // Annotations the C# library does not map: the values are plain ints and longs.
        6 => new JsonObject { ["type"] = "int", ["logicalType"] = "time-millis" },
        7 => new JsonObject { ["type"] = "long", ["logicalType"] = "local-timestamp-millis" },
        _ => new JsonObject { ["type"] = "long", ["logicalType"] = "time-micros" },
    };

    private JsonObject BytesDecimal()
    {
        int precision = _random.Next(1, 40);
        return new JsonObject { ["type"] = "bytes", ["logicalType"] = "decimal", ["precision"] = precision, ["scale"] = _random.Next(0, precision + 1) };
    }

    private JsonObject Enum(string? enclosingNamespace)
    {
        var (name, ns, fullName) = NewName("Enum", enclosingNamespace);
        var symbols = Enumerable.Range(0, _random.Next(1, 6)).Select(i => (JsonNode)$"{Letters(1).ToUpperInvariant()}{i}_{Letters(2)}").ToArray();
        var node = new JsonObject { ["type"] = "enum", ["name"] = name, ["symbols"] = new JsonArray(symbols) };
        if (ns != enclosingNamespace)
        {
            node["namespace"] = ns ?? string.Empty;
        }

        _declared.Add(new DeclaredName(fullName, ns, "enum"));
        return node;
    }

    private JsonObject Fixed(string? enclosingNamespace, bool decimalAllowed)
    {
        var (name, ns, fullName) = NewName("Fixed", enclosingNamespace);
        int size = _random.Next(0, 5) == 0 ? _random.Next(17, 40) : _random.Next(1, 17);
        var node = new JsonObject { ["type"] = "fixed", ["name"] = name, ["size"] = size };
        if (ns != enclosingNamespace)
        {
            node["namespace"] = ns ?? string.Empty;
        }

        bool isDecimal = decimalAllowed && _random.Next(3) == 0;
        if (isDecimal)
        {
            // The most digits a signed two's complement number of `size` bytes always holds.
            int maxPrecision = (int)Math.Floor(Math.Log10(Math.Pow(2, (8 * size) - 1) - 1));
            if (maxPrecision >= 1)
            {
                int precision = _random.Next(1, maxPrecision + 1);
                node["logicalType"] = "decimal";
                node["precision"] = precision;
                node["scale"] = _random.Next(0, precision + 1);
            }
            else
            {
                isDecimal = false;
            }
        }

        _declared.Add(new DeclaredName(fullName, ns, isDecimal ? "decimal-fixed" : "fixed"));
        return node;
    }

    /// <summary>A named type declared earlier, by its short name when the enclosing namespace resolves it, else its full name.</summary>
    private JsonNode? Reference(string? ns, HashSet<string> exclude, bool allowOpenRecords)
    {
        // A type in the null namespace has no name that resolves to it from inside a namespace (avsc and the spec
        // agree; Java falls back to the null namespace), so it is referred to only from the null namespace.
        var candidates = _declared
            .Where(d => !exclude.Contains(d.FullName) && (d.Complete || allowOpenRecords) && (d.Namespace is not null || ns is null))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var target = candidates[_random.Next(candidates.Count)];
        bool shortNameResolves = target.Namespace == ns && ns is not null;
        return shortNameResolves && _random.Next(2) == 0 ? target.FullName[(target.FullName.LastIndexOf('.') + 1)..] : target.FullName;
    }

    /// <summary>
    /// 1 to 4 branches, no two of the same unnamed type, no two with the same name, no nested union, and at most one
    /// decimal (a decimal value could otherwise belong to two branches). A union with a null branch may refer to a
    /// record still being declared, which makes the schema recursive.
    /// </summary>
    private JsonArray Union(int depth, string? ns)
    {
        var union = new JsonArray();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        bool hasNull = _random.Next(3) > 0;
        if (hasNull)
        {
            union.Add("null");
            keys.Add("null");
        }

        int wanted = union.Count + _random.Next(1, 4);
        for (int attempt = 0; attempt < 20 && union.Count < wanted; attempt++)
        {
            int declaredBefore = _declared.Count;
            JsonNode branch = _random.Next(6) == 0
                ? Reference(ns, exclude: keys, allowOpenRecords: hasNull) ?? (JsonNode)"boolean"
                : Type(depth, ns, allowUnion: false);
            string key = BranchKey(branch, ns);
            bool isDecimal = IsDecimal(branch, ns);
            if (keys.Contains(key) || (isDecimal && keys.Contains("decimal")))
            {
                // Declarations inside a rejected branch never reach the schema: later references must not find them.
                _declared.RemoveRange(declaredBefore, _declared.Count - declaredBefore);
                continue;
            }

            keys.Add(key);
            if (isDecimal)
            {
                keys.Add("decimal");
            }

            union.Add(branch);
        }

        return union;
    }

    private static string BranchKey(JsonNode branch, string? ns) => branch switch
    {
        JsonValue name => IsPrimitive(name.GetValue<string>()) ? name.GetValue<string>() : Resolve(name.GetValue<string>(), ns),
        JsonObject obj when obj["name"] is { } name => FullName(name.GetValue<string>(), obj["namespace"]?.GetValue<string>(), ns),
        JsonObject obj => obj["type"]!.GetValue<string>(),
        _ => throw new InvalidOperationException("nested union"),
    };

    private bool IsDecimal(JsonNode branch, string? ns) => branch switch
    {
        JsonObject obj => obj["logicalType"]?.GetValue<string>() == "decimal" && obj["precision"] is not null,
        JsonValue name when !IsPrimitive(name.GetValue<string>()) => _declared.Any(d => d.Kind == "decimal-fixed" && d.FullName == Resolve(name.GetValue<string>(), ns)),
        _ => false,
    };

    private static string Resolve(string name, string? ns) =>
        name.Contains('.', StringComparison.Ordinal) ? name : ns is null ? name : $"{ns}.{name}";

    private static string FullName(string name, string? ns, string? enclosing)
    {
        string? effective = ns is null ? enclosing : ns.Length == 0 ? null : ns;
        return effective is null ? name : $"{effective}.{name}";
    }

    private static bool IsPrimitive(string name) => name is "null" or "boolean" or "int" or "long" or "float" or "double" or "bytes" or "string";

    private (string Name, string? Namespace, string FullName) NewName(string kind, string? enclosingNamespace)
    {
        string name = $"{kind}{++_names}";
        string? ns = _random.Next(3) == 0 ? Namespaces[_random.Next(Namespaces.Length)] : enclosingNamespace;
        return (name, ns, ns is null ? name : $"{ns}.{name}");
    }

    private string Letters(int count)
    {
        var builder = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            builder.Append((char)('a' + _random.Next(26)));
        }

        return builder.ToString();
    }

    // ---- values ----

    private object? Value(AvroSchema schema, int depth)
    {
        switch (schema)
        {
            case RecordSchema record:
                var generic = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    generic[field.Position] = Value(field.Schema, depth + 1);
                }

                return generic;
            case EnumSchema enumSchema:
                return enumSchema.GetValue(_random.Next(enumSchema.Symbols.Count));
            case FixedSchema fixedSchema:
                return fixedSchema.LogicalType is { Kind: LogicalTypeKind.Decimal } fixedDecimal
                    ? Decimal(fixedDecimal)
                    : new GenericFixed(fixedSchema, RandomBytes(fixedSchema.Size));
            case ArraySchema array:
                return Enumerable.Range(0, CollectionSize(depth)).Select(_ => Value(array.Items, depth + 1)).ToList();
            case MapSchema map:
                var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
                int size = CollectionSize(depth);
                for (int i = 0; i < size; i++)
                {
                    entries.TryAdd(MapKey(), Value(map.Values, depth + 1));
                }

                return entries;
            case UnionSchema union:
                // Recursive schemas recur through a nullable union: deep down, take the null branch to stop.
                int nullBranch = union.Branches.ToList().FindIndex(b => b.Type == AvroType.Null);
                return depth > 2 * MaxDepth && nullBranch >= 0 ? null : Value(union.Branches[_random.Next(union.Branches.Count)], depth);
        }

        return schema.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => _random.Next(2) == 0,
            AvroType.Int => schema.LogicalType?.Kind == LogicalTypeKind.Date
                ? DateOnly.FromDayNumber(_random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1))
                : Int(),
            AvroType.Long => schema.LogicalType?.Kind switch
            {
                LogicalTypeKind.TimestampMillis => DateTimeOffset.UnixEpoch.AddTicks(Millis() * TimeSpan.TicksPerMillisecond),
                LogicalTypeKind.TimestampMicros => new DateTimeOffset(_random.NextInt64(DateTimeOffset.MinValue.UtcTicks / 10, (DateTimeOffset.MaxValue.UtcTicks / 10) + 1) * 10, TimeSpan.Zero),
                _ => Long(),
            },
            AvroType.Float => Float(),
            AvroType.Double => Double(),
            AvroType.Bytes => schema.LogicalType is { Kind: LogicalTypeKind.Decimal } bytesDecimal ? Decimal(bytesDecimal) : RandomBytes(_random.Next(0, 20)),
            _ => schema.LogicalType?.Kind == LogicalTypeKind.Uuid ? new Guid(RandomBytes(16)) : RandomString(),
        };
    }

    private int CollectionSize(int depth) => _random.Next(5) switch
    {
        0 => 0,
        1 => 1,
        _ => _random.Next(2, depth >= 2 ? 4 : 7),
    };

    private int Int() => _random.Next(6) switch
    {
        0 => new[] { 0, -1, 1, int.MinValue, int.MaxValue, 63, 64, -64, -65, 8191, 8192 }[_random.Next(11)],
        1 => _random.Next(-100, 100),
        _ => (int)(uint)_random.NextInt64(0, 1L << 32),
    };

    private long Long() => _random.Next(6) switch
    {
        0 => new[] { 0L, -1L, long.MinValue, long.MaxValue, (1L << 53) + 1, -(1L << 53) - 1, int.MaxValue + 1L, int.MinValue - 1L }[_random.Next(8)],
        1 => _random.NextInt64(-1000, 1000),
        2 => _random.NextInt64(-(1L << 53), 1L << 53),
        _ => (long)(((ulong)(uint)_random.Next() << 33) ^ ((ulong)(uint)_random.Next() << 2) ^ (ulong)_random.Next(4)),
    };

    private long Millis() => _random.Next(3) == 0 ? new[] { MinUnixMillis, MaxUnixMillis, -1L, 0L }[_random.Next(4)] : _random.NextInt64(MinUnixMillis, MaxUnixMillis + 1);

    private float Float()
    {
        if (_random.Next(3) == 0)
        {
            return new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, 0f, float.Epsilon, float.MaxValue, float.MinValue, 1.1f, 16_777_217f }[_random.Next(10)];
        }

        float value = BitConverter.Int32BitsToSingle(_random.Next() ^ (_random.Next(2) << 31));
        return float.IsNaN(value) ? float.NaN : value;
    }

    private double Double()
    {
        if (_random.Next(3) == 0)
        {
            return new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0, double.Epsilon, double.MaxValue, double.MinValue, 0.1, 9_007_199_254_740_993.0 }[_random.Next(10)];
        }

        double value = BitConverter.Int64BitsToDouble(Long());
        return double.IsNaN(value) ? double.NaN : value;
    }

    private AvroDecimal Decimal(LogicalType logicalType)
    {
        var limit = BigInteger.Pow(10, logicalType.Precision);
        BigInteger unscaled = _random.Next(4) switch
        {
            0 => limit - 1,
            1 => _random.Next(-300, 300),
            _ => RandomBigInteger(limit),
        };
        if (_random.Next(2) == 0)
        {
            unscaled = -unscaled;
        }

        return new AvroDecimal(unscaled, logicalType.Scale);
    }

    private BigInteger RandomBigInteger(BigInteger exclusiveLimit)
    {
        byte[] bytes = RandomBytes(exclusiveLimit.GetByteCount(isUnsigned: true) + 1);
        return BigInteger.Remainder(new BigInteger(bytes, isUnsigned: true), exclusiveLimit);
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomString()
    {
        if (_random.Next(8) == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        int length = _random.Next(1, 16);
        for (int i = 0; i < length; i++)
        {
            if (_random.Next(6) == 0)
            {
                builder.Append(SurrogatePairs[_random.Next(SurrogatePairs.Length)]);
            }
            else
            {
                string pool = CharacterPools[_random.Next(8) switch { < 4 => 0, < 6 => 1, 6 => 2, _ => 3 }];
                builder.Append(pool[_random.Next(pool.Length)]);
            }
        }

        return builder.ToString();
    }

    private string MapKey() => _random.Next(4) switch
    {
        // Keys a JavaScript object enumerates first, in numeric order, and near misses it does not.
        0 => new[] { "0", "1", "2", "10", "42", "007", "-1", "1.5", "4294967294", "4294967295" }[_random.Next(10)],
        1 => _random.Next(0, 1000).ToString(CultureInfo.InvariantCulture),
        _ => RandomString(),
    };

    private sealed class DeclaredName(string fullName, string? ns, string kind, bool complete = true)
    {
        public string FullName { get; } = fullName;

        public string? Namespace { get; } = ns;

        public string Kind { get; } = kind;

        /// <summary>False while a record's fields are being generated: only a nullable union may refer to it then.</summary>
        public bool Complete { get; set; } = complete;
    }
}
