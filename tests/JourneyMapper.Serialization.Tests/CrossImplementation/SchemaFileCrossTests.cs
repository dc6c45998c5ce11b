using System.Numerics;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>
/// Every schema in schemas/ (the files themselves, docs and all), with realistic records and their edge cases:
/// bytes written by avsc and by avro-js decode in C# to the same values and equal the C# bytes; C# bytes decode in
/// both to the same values.
/// </summary>
[Collection(CrossImplementationCollection.Name)]
public sealed class SchemaFileCrossTests(NodePeer peer)
{
    private static readonly Dictionary<string, Func<RecordSchema, GenericRecord>> ClickEvents = new(StringComparer.Ordinal)
    {
        ["typical"] = s => Click(s, properties: new() { ["currency"] = "EUR", ["price"] = "19.99", ["quantity"] = "2" }),
        ["optional fields null"] = s => Click(s, optionalsNull: true, timestamp: DateTimeOffset.UnixEpoch),
        ["empty properties map"] = s => Click(s, properties: []),
        ["unicode everywhere"] = s => Click(
            s,
            text: "ünïcödé ✓ 日本語 😀 👩‍👩‍👧 עברית \u0000 tab\tline\nend",
            properties: new() { ["clé"] = "välue", ["日本"] = "語", ["😀"] = "🎉", [string.Empty] = "empty key", ["\u0000"] = "nul key" }),
        ["integer-like map keys (JavaScript reorders them)"] = s => Click(
            s, properties: new() { ["b"] = "1", ["10"] = "2", ["2"] = "3", ["a"] = "4", ["0"] = "5", ["01"] = "6", ["4294967295"] = "7", ["-1"] = "8" }),
        ["timestamp before 1970"] = s => Click(s, timestamp: DateTimeOffset.UnixEpoch.AddMilliseconds(-1)),
        ["timestamp at year 1"] = s => Click(s, timestamp: DateTimeOffset.MinValue),
        ["timestamp at year 9999"] = s => Click(s, timestamp: new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero)),
        ["string length prefixes at varint boundaries"] = s => Click(
            s, text: new string('a', 63), url: new string('b', 64), userAgent: new string('é', 32), referrer: new string('✓', 43)),
        ["strings longer than the writer's single-pass limit"] = s => Click(
            s, text: string.Concat(Enumerable.Repeat("日本😀", 1500)), url: new string('x', 4097), userAgent: new string('é', 4096)),
        ["many properties"] = s => Click(s, properties: Enumerable.Range(0, 200).ToDictionary(i => $"key-{i}", i => (object?)$"value-{i}")),
    };

    private static readonly Dictionary<string, Func<RecordSchema, GenericRecord>> UserProfiles = new(StringComparer.Ordinal)
    {
        ["typical"] = s => Profile(s, "GOLD", 1234.56m, "DE"),
        ["optional fields null"] = s => Profile(s, "UNKNOWN", null, null, persona: null, updatedAt: DateTimeOffset.UnixEpoch, consents: false),
        ["last tier symbol"] = s => Profile(s, "PLATINUM", 0.01m, "JP"),
        ["decimal zero"] = s => Profile(s, "STANDARD", 0.00m, "FR"),
        ["decimal -0.01 (one byte, 0xFF)"] = s => Profile(s, "SILVER", -0.01m, "US"),
        ["decimal 1.27 (one byte, 0x7F)"] = s => Profile(s, "SILVER", 1.27m, "US"),
        ["decimal 1.28 (two bytes, 0x0080)"] = s => Profile(s, "SILVER", 1.28m, "US"),
        ["decimal -1.28 (one byte, 0x80)"] = s => Profile(s, "SILVER", -1.28m, "US"),
        ["decimal -1.29 (two bytes, 0xFF7F)"] = s => Profile(s, "SILVER", -1.29m, "US"),
        ["decimal 327.68 (three bytes)"] = s => Profile(s, "SILVER", 327.68m, "US"),
        ["decimal -327.68 (two bytes, 0x8000)"] = s => Profile(s, "SILVER", -327.68m, "US"),
        ["decimal at the schema's precision"] = s => Profile(s, "GOLD", 9_999_999_999.99m, "CH"),
        ["negative decimal at the schema's precision"] = s => Profile(s, "GOLD", -9_999_999_999.99m, "CH"),
        ["timestamp extremes"] = s => Profile(s, "GOLD", 1m, "NZ", updatedAt: DateTimeOffset.MinValue),
    };

    private static readonly Dictionary<string, Func<RecordSchema, GenericRecord>> JourneySegments = new(StringComparer.Ordinal)
    {
        ["closed session with profile"] = s => Segment(s),
        ["provisional, anonymous, empty collections"] = s => Segment(s, provisional: true),
        ["special doubles in features"] = s => Segment(s, features: new()
        {
            ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity, ["-inf"] = double.NegativeInfinity, ["negative zero"] = -0.0,
            ["epsilon"] = double.Epsilon, ["max"] = double.MaxValue, ["min"] = double.MinValue, ["tenth"] = 0.1, ["2"] = 1e300, ["10"] = -1e-300,
        }),
        ["large arrays (multi-byte block counts)"] = s => Segment(s, eventIds: Enumerable.Range(0, 1000).Select(i => (object?)$"evt-{i:D5}").ToList()),
        ["int and timestamp extremes"] = s => Segment(s, revision: int.MaxValue, eventCount: int.MinValue, start: DateTimeOffset.MinValue, end: new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero)),
        ["closedBy at its last symbol"] = s => Segment(s, closedBy: "SHUTDOWN"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ClickEvents.Keys)
        {
            data.Add("ClickEvent.avsc", name);
        }

        foreach (var name in UserProfiles.Keys)
        {
            data.Add("UserProfile.avsc", name);
        }

        foreach (var name in JourneySegments.Keys)
        {
            data.Add("JourneySegment.avsc", name);
        }

        return data;
    }

    public static TheoryData<string> SchemaFiles() => new(SchemaFileNames());

    [Fact]
    public void EverySchemaInSchemasHasRealisticRecords()
    {
        var covered = Cases().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(SchemaFileNames(), file => Assert.Contains(file, covered));
        Assert.NotEmpty(peer.Versions);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RecordsCrossBothWaysWithAvscAndAvroJs(string schemaFile, string caseName)
    {
        string schemaJson = ReadSchema(schemaFile);
        var schema = (RecordSchema)AvroSchema.Parse(schemaJson);
        await CrossCheck.BothWaysAsync(peer, schema, schemaJson, Build(schemaFile, caseName, schema), $"{schemaFile} / {caseName}");
    }

    /// <summary>What our schema writer emits (full JSON, and the canonical form) parses in both libraries to the same encoding.</summary>
    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public async Task OurSchemaJsonAndCanonicalFormReadTheSameInTheLibraries(string schemaFile)
    {
        var schema = (RecordSchema)AvroSchema.Parse(ReadSchema(schemaFile));
        string firstCase = Cases().Select(row => ((string)row[0], (string)row[1])).First(row => row.Item1 == schemaFile).Item2;
        var value = Build(schemaFile, firstCase, schema);
        await CrossCheck.BothWaysAsync(peer, schema, schema.ToJson(), value, $"{schemaFile} as written by AvroSchema.ToJson()");

        // The canonical form drops logical types, so the value travels as its underlying types.
        var canonical = AvroSchema.Parse(schema.ToCanonicalForm());
        object? underlying = GenericDatumReader.For(canonical, canonical).Read(GenericDatumWriter.For(schema).Serialize(value));
        await CrossCheck.BothWaysAsync(peer, canonical, schema.ToCanonicalForm(), underlying, $"{schemaFile} in Parsing Canonical Form");
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public async Task ParsingCanonicalFormMatchesBothLibraries(string schemaFile)
    {
        string schemaJson = ReadSchema(schemaFile);
        var forms = await peer.CanonicalFormsAsync(schemaJson);
        string ours = AvroSchema.Parse(schemaJson).ToCanonicalForm();
        Assert.Equal(forms.Avsc, ours);
        Assert.Equal(forms.AvroJs, ours);
        Assert.Equal(forms.PeerWalker, ours);

        // These schemas declare one namespace each, so avro-js reads them as they are, without the workaround.
        Assert.False(forms.AvroJsNamespaceWorkaround);
    }

    internal static string ReadSchema(string file) => File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot.Path, "schemas", file));

    internal static GenericRecord Build(string schemaFile, string caseName, RecordSchema schema) => schemaFile switch
    {
        "ClickEvent.avsc" => ClickEvents[caseName](schema),
        "UserProfile.avsc" => UserProfiles[caseName](schema),
        "JourneySegment.avsc" => JourneySegments[caseName](schema),
        _ => throw new ArgumentException($"No records for {schemaFile}", nameof(schemaFile)),
    };

    internal static IEnumerable<string> CaseNames(string schemaFile) => schemaFile switch
    {
        "ClickEvent.avsc" => ClickEvents.Keys,
        "UserProfile.avsc" => UserProfiles.Keys,
        "JourneySegment.avsc" => JourneySegments.Keys,
        _ => [],
    };

    private static string[] SchemaFileNames() =>
        Directory.GetFiles(Path.Combine(TestSupport.RepositoryRoot.Path, "schemas"), "*.avsc").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static GenericRecord Click(
        RecordSchema schema,
        string text = "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11",
        string url = "https://shop.example/p/123?utm_source=mail",
        string userAgent = "Mozilla/5.0 (X11; Linux x86_64)",
        string referrer = "https://search.example/?q=shoes",
        bool optionalsNull = false,
        DateTimeOffset? timestamp = null,
        Dictionary<string, object?>? properties = null)
    {
        var record = new GenericRecord(schema)
        {
            ["eventId"] = text,
            ["timestamp"] = timestamp ?? DateTimeOffset.FromUnixTimeMilliseconds(1_732_270_000_123),
            ["eventType"] = "product_view",
        };
        if (!optionalsNull)
        {
            record["userId"] = "user-48213";
            record["anonymousId"] = "anon-" + text;
            record["channel"] = "web";
            record["productId"] = "sku-991";
            record["pageUrl"] = url;
            record["referrer"] = referrer;
            record["campaign"] = "black-friday";
            record["deviceId"] = "device-7";
            record["ipAddress"] = "203.0.113.7";
            record["userAgent"] = userAgent;
            record["properties"] = properties;
        }

        return record;
    }

    private static GenericRecord Profile(
        RecordSchema schema, string tier, decimal? lifetimeValue, string? country, string? persona = "bargain-hunter", DateTimeOffset? updatedAt = null, bool consents = true)
    {
        var tierSchema = (EnumSchema)schema.GetField("tier")!.Schema;
        return new GenericRecord(schema)
        {
            ["userId"] = "user-48213",
            ["tier"] = GenericEnum.Of(tierSchema, tier),
            ["persona"] = persona,
            // At the schema's scale (2), as the reader returns it: AvroDecimal compares scale too.
            ["lifetimeValue"] = lifetimeValue is { } value ? new AvroDecimal(new BigInteger(value * 100), 2) : null,
            ["country"] = country,
            ["analyticsConsent"] = consents,
            ["marketingConsent"] = !consents,
            ["updatedAt"] = updatedAt ?? new DateTimeOffset(2026, 11, 22, 10, 30, 0, 123, TimeSpan.Zero),
        };
    }

    private static GenericRecord Segment(
        RecordSchema schema,
        bool provisional = false,
        Dictionary<string, object?>? features = null,
        List<object?>? eventIds = null,
        int revision = 3,
        int eventCount = 5,
        DateTimeOffset? start = null,
        DateTimeOffset? end = null,
        string closedBy = "INACTIVITY")
    {
        var segmentSchema = (RecordSchema)((ArraySchema)schema.GetField("segments")!.Schema).Items;
        var profileSchema = (RecordSchema)((UnionSchema)schema.GetField("profile")!.Schema).Branches[1];
        var closedBySchema = (EnumSchema)((UnionSchema)schema.GetField("closedBy")!.Schema).Branches[1];
        var record = new GenericRecord(schema)
        {
            ["sessionId"] = "sess-5b0e",
            ["userId"] = provisional ? null : "user-48213",
            ["anonymousId"] = provisional ? "anon-77" : null,
            ["start"] = start ?? new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            ["end"] = end ?? new DateTimeOffset(2026, 11, 22, 10, 42, 17, 250, TimeSpan.Zero),
            ["eventCount"] = provisional ? 0 : eventCount,
            ["eventIds"] = provisional ? [] : eventIds ?? ["e1", "e2", "e3", "e4", "e5"],
            ["truncated"] = eventIds is { Count: > 100 },
            ["path"] = provisional ? new List<object?>() : ["page_view", "product_view", "add_to_cart", "checkout_start", "page_view"],
            ["features"] = provisional ? new Dictionary<string, object?>() : features ?? new() { ["product_view.count"] = 1.0, ["duration.minutes"] = 42.2875 },
            ["primarySegment"] = provisional ? "browsing" : "cart-abandonment",
            ["segments"] = provisional
                ? new List<object?>()
                : [
                    new GenericRecord(segmentSchema) { ["label"] = "cart-abandonment", ["rule"] = "add_to_cart && !purchase" },
                    new GenericRecord(segmentSchema) { ["label"] = "high-intent", ["rule"] = "product_view.count >= 1" },
                ],
            ["profile"] = provisional
                ? null
                : new GenericRecord(profileSchema)
                {
                    ["tier"] = "GOLD", ["persona"] = null, ["lifetimeValue"] = 1234.56, ["country"] = "DE", ["marketingConsent"] = true,
                },
            ["revision"] = provisional ? 0 : revision,
            ["closedBy"] = provisional ? null : GenericEnum.Of(closedBySchema, closedBy),
        };
        return record;
    }
}
