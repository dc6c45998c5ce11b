using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

/// <summary>Reading data written with one schema as another, rule by rule from the specification's Schema Resolution.</summary>
public sealed class SchemaResolutionTests
{
    private static object? Resolve(string writerJson, object? value, string readerJson) =>
        Resolve(AvroSchema.Parse(writerJson), value, AvroSchema.Parse(readerJson));

    private static object? Resolve(AvroSchema writer, object? value, AvroSchema reader) =>
        GenericDatumReader.For(writer, reader).Read(GenericDatumWriter.For(writer).Serialize(value));

    private static GenericRecord Record(AvroSchema schema, params (string Name, object? Value)[] values)
    {
        var record = new GenericRecord((RecordSchema)schema);
        foreach (var (name, value) in values)
        {
            record[name] = value;
        }

        return record;
    }

    [Theory]
    [InlineData("\"int\"", 7, "\"long\"", 7L)]
    [InlineData("\"int\"", 7, "\"float\"", 7f)]
    [InlineData("\"int\"", -7, "\"double\"", -7d)]
    [InlineData("\"long\"", 1L << 40, "\"float\"", (float)(1L << 40))]
    [InlineData("\"long\"", long.MinValue, "\"double\"", (double)long.MinValue)]
    [InlineData("\"float\"", 1.5f, "\"double\"", 1.5d)]
    [InlineData("\"string\"", "héllo", "\"bytes\"", new byte[] { 0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f })]
    [InlineData("\"bytes\"", new byte[] { 0x68, 0x69 }, "\"string\"", "hi")]
    public void PrimitivesArePromoted(string writer, object value, string reader, object expected) =>
        Assert.True(GenericData.DeepEquals(expected, Resolve(writer, value, reader)));

    [Fact]
    public void LogicalTypesResolveThroughTheirUnderlyingTypes()
    {
        Assert.Equal(3L, Resolve("""{"type":"int","logicalType":"date"}""", new DateOnly(1970, 1, 4), "\"long\""));
        Assert.Equal(new DateOnly(1970, 1, 4), Resolve("\"int\"", 3, """{"type":"int","logicalType":"date"}"""));
        Assert.Equal("00000000-0000-0000-0000-000000000002", Resolve("""{"type":"string","logicalType":"uuid"}""", Guid.Parse("00000000-0000-0000-0000-000000000002"), "\"string\""));
        Assert.Equal(new AvroDecimal(-1, 3), Resolve("\"bytes\"", new byte[] { 0xff }, """{"type":"bytes","logicalType":"decimal","precision":3,"scale":3}"""));
    }

    [Fact]
    public void IntIsPromotedIntoATimestamp() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(5), Resolve("\"int\"", 5, """{"type":"long","logicalType":"timestamp-millis"}"""));

    [Theory]
    [InlineData("\"long\"", "\"int\"")]
    [InlineData("\"double\"", "\"float\"")]
    [InlineData("\"float\"", "\"long\"")]
    [InlineData("\"string\"", "\"int\"")]
    [InlineData("\"boolean\"", "\"int\"")]
    [InlineData("\"null\"", "\"string\"")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "{\"type\":\"map\",\"values\":\"int\"}")]
    [InlineData("{\"type\":\"array\",\"items\":\"long\"}", "{\"type\":\"array\",\"items\":\"int\"}")]
    [InlineData("{\"type\":\"map\",\"values\":\"string\"}", "{\"type\":\"map\",\"values\":\"boolean\"}")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":8}")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}", "{\"type\":\"fixed\",\"name\":\"G\",\"size\":4}")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "{\"type\":\"enum\",\"name\":\"F\",\"symbols\":[\"A\"]}")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"S\",\"fields\":[]}")]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":5,\"scale\":2}", "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":5,\"scale\":3}")]
    [InlineData("\"int\"", "[\"null\",\"string\"]")]
    public void SchemasThatDoNotMatchFailWhenTheReaderIsBuilt(string writer, string reader)
    {
        var error = Assert.Throws<AvroException>(() => new GenericDatumReader(AvroSchema.Parse(writer), AvroSchema.Parse(reader)));
        Assert.Contains("writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldsAreMatchedByNameWhateverTheirOrder()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"c","type":"boolean"}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"c","type":"boolean"},{"name":"a","type":"long"},{"name":"b","type":"string"}]}""");
        var result = (GenericRecord)Resolve(writer, Record(writer, ("a", 1), ("b", "x"), ("c", true)), reader)!;
        Assert.Equal(true, result[0]);
        Assert.Equal(1L, result[1]);
        Assert.Equal("x", result[2]);
    }

    [Fact]
    public void WriterFieldsTheReaderLacksAreSkippedWhateverTheirType()
    {
        var writer = AvroSchema.Parse("""
            {"type":"record","name":"R","fields":[
              {"name":"n","type":"null"},{"name":"b","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},
              {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"by","type":"bytes"},{"name":"s","type":"string"},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}},
              {"name":"fx","type":{"type":"fixed","name":"F","size":3}},
              {"name":"a","type":{"type":"array","items":{"type":"record","name":"Item","fields":[{"name":"v","type":["null","string"]}]}}},
              {"name":"m","type":{"type":"map","values":{"type":"array","items":"double"}}},
              {"name":"u","type":["null","Item","E"]},
              {"name":"keep","type":"string"}]}
            """);
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"keep","type":"string"}]}""");
        var item = new GenericRecord((RecordSchema)((ArraySchema)((RecordSchema)writer).GetField("a")!.Schema).Items) { ["v"] = "value" };
        var value = Record(
            writer,
            ("n", null), ("b", true), ("i", -3), ("l", 1L << 50), ("f", 1f), ("d", 2d), ("by", new byte[] { 1, 2 }), ("s", "skip me"),
            ("e", "Y"), ("fx", new byte[] { 1, 2, 3 }), ("a", new List<object?> { item, item }),
            ("m", new Dictionary<string, object?> { ["k"] = new List<object?> { 1.0, 2.0 } }), ("u", item), ("keep", "kept"));

        var result = (GenericRecord)Resolve(writer, value, reader)!;
        Assert.Equal("kept", result["keep"]);
        Assert.Equal(1, result.FieldCount);
    }

    [Fact]
    public void SkippedArraysAndMapsWithBlockSizesAreSkippedWhole()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"long"}},{"name":"m","type":{"type":"map","values":"string"}},{"name":"z","type":"int"}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"z","type":"int"}]}""");

        // a = block(-2 items, 2 bytes){1, 2}, end; m = block(-1 entry, 4 bytes){"k": "v"}, end; z = 21.
        byte[] data = TestSchemas.Hex("03 04 02 04 00  01 08 02 6b 02 76 00  2a");
        var result = (GenericRecord)GenericDatumReader.For(writer, reader).Read(data)!;
        Assert.Equal(21, result["z"]);

        // A block size beyond the input is malformed, skipped or not.
        Assert.Throws<AvroException>(() => GenericDatumReader.For(writer, reader).Read(TestSchemas.Hex("03 40 02 04 00 00 2a")));
    }

    public static TheoryData<string, string, object?> Defaults => new()
    {
        { "\"null\"", "null", null },
        { "\"boolean\"", "true", true },
        { "\"int\"", "-5", -5 },
        { "\"long\"", "9007199254740993", 9007199254740993L },
        { "\"float\"", "1.25", 1.25f },
        { "\"double\"", "-0.5", -0.5d },
        { "\"double\"", "\"Infinity\"", double.PositiveInfinity },
        { "\"bytes\"", "\"\\u0000\\u00ff\"", new byte[] { 0, 255 } },
        { "\"string\"", "\"ünï\"", "ünï" },
        { "{\"type\":\"array\",\"items\":\"int\"}", "[1,2]", new List<object?> { 1, 2 } },
        { "{\"type\":\"map\",\"values\":\"long\"}", "{\"a\":1}", new Dictionary<string, object?> { ["a"] = 1L } },
        { "[\"null\",\"string\"]", "null", null },
        { "[\"string\",\"null\"]", "\"first\"", "first" },
        { "{\"type\":\"int\",\"logicalType\":\"date\"}", "1", new DateOnly(1970, 1, 2) },
        { "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "1000", DateTimeOffset.FromUnixTimeSeconds(1) },
        { "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}", "1", DateTimeOffset.UnixEpoch.AddTicks(10) },
        { "{\"type\":\"string\",\"logicalType\":\"uuid\"}", "\"00000000-0000-0000-0000-000000000001\"", Guid.Parse("00000000-0000-0000-0000-000000000001") },
        { "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}", "\"\\u0004\\u00d2\"", new AvroDecimal(1234, 2) },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void ReaderFieldsTheWriterLacksTakeTheirDefaults(string type, string defaultJson, object? expected)
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""");
        var reader = AvroSchema.Parse($$"""{"type":"record","name":"R","fields":[{"name":"old","type":"int"},{"name":"added","type":{{type}},"default":{{defaultJson}}}]}""");
        var result = (GenericRecord)Resolve(writer, Record(writer, ("old", 1)), reader)!;
        Assert.Equal(1, result["old"]);
        Assert.True(GenericData.DeepEquals(expected, result["added"]), $"got {GenericData.ToDisplayString(result["added"])}");
    }

    [Fact]
    public void NamedTypeDefaultsDecodeToTheirGenericValues()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[]}""");
        var reader = AvroSchema.Parse("""
            {"type":"record","name":"R","fields":[
              {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]},"default":"B"},
              {"name":"f","type":{"type":"fixed","name":"F","size":2},"default":"\u0001\u0002"},
              {"name":"r","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"},{"name":"y","type":"string","default":"dflt"}]},"default":{"x":4}},
              {"name":"list","type":{"type":"array","items":"Inner"},"default":[{"x":1,"y":"one"}]}]}
            """);

        var first = (GenericRecord)GenericDatumReader.For(writer, reader).Read([])!;
        Assert.Equal("B", ((GenericEnum)first["e"]!).Symbol);
        Assert.Equal(new byte[] { 1, 2 }, ((GenericFixed)first["f"]!).Value.ToArray());
        var inner = (GenericRecord)first["r"]!;
        Assert.Equal(4, inner["x"]);
        Assert.Equal("dflt", inner["y"]);

        // Each record gets its own copy of a mutable default.
        ((GenericRecord)first["r"]!)["x"] = 99;
        ((List<object?>)first["list"]!).Clear();
        var second = (GenericRecord)GenericDatumReader.For(writer, reader).Read([])!;
        Assert.Equal(4, ((GenericRecord)second["r"]!)["x"]);
        Assert.Single((List<object?>)second["list"]!);
    }

    [Fact]
    public void AReaderFieldWithNoDefaultThatTheWriterLacksIsAClearError()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""");
        var error = Assert.Throws<AvroException>(() => new GenericDatumReader(writer, reader));
        Assert.Contains("Field 'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldAliasesMatchRenamedFields()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"userName","type":"string"}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"login","type":"string","aliases":["user_name","userName"]}]}""");
        Assert.Equal("ada", ((GenericRecord)Resolve(writer, Record(writer, ("userName", "ada")), reader)!)["login"]);
    }

    [Fact]
    public void NamedTypeAliasesMatchRenamedTypes()
    {
        var writer = AvroSchema.Parse("""
            {"type":"record","name":"Old","namespace":"v1","fields":[
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
              {"name":"hash","type":{"type":"fixed","name":"Hash","size":2}}]}
            """);
        var reader = AvroSchema.Parse("""
            {"type":"record","name":"New","namespace":"v2","aliases":["v1.Old"],"fields":[
              {"name":"kind","type":{"type":"enum","name":"Category","aliases":["Kind"],"symbols":["B","A"]}},
              {"name":"hash","type":{"type":"fixed","name":"Digest","aliases":["v1.Hash"],"size":2}}]}
            """);
        var result = (GenericRecord)Resolve(writer, Record(writer, ("kind", "A"), ("hash", new byte[] { 9, 8 })), reader)!;
        Assert.Equal("v2.New", result.Schema.FullName);
        Assert.Equal("A", ((GenericEnum)result["kind"]!).Symbol);
        Assert.Equal(1, ((GenericEnum)result["kind"]!).Index);
        Assert.Equal("v2.Digest", ((GenericFixed)result["hash"]!).Schema.FullName);
    }

    [Fact]
    public void UnqualifiedNamesMatchAcrossNamespaces()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"a.R","fields":[{"name":"x","type":"int"}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"b.R","fields":[{"name":"x","type":"int"}]}""");
        Assert.Equal(3, ((GenericRecord)Resolve(writer, Record(writer, ("x", 3)), reader)!)["x"]);
    }

    [Fact]
    public void UnknownEnumSymbolsTakeTheReadersDefault()
    {
        var writer = AvroSchema.Parse("""{"type":"enum","name":"Channel","symbols":["WEB","MOBILE","KIOSK"]}""");
        var reader = AvroSchema.Parse("""{"type":"enum","name":"Channel","symbols":["UNKNOWN","MOBILE","WEB"],"default":"UNKNOWN"}""");
        Assert.Equal("WEB", ((GenericEnum)Resolve(writer, "WEB", reader)!).Symbol);
        Assert.Equal("UNKNOWN", ((GenericEnum)Resolve(writer, "KIOSK", reader)!).Symbol);
    }

    [Fact]
    public void UnknownEnumSymbolsWithoutADefaultFailOnlyWhenTheyArrive()
    {
        var writer = AvroSchema.Parse("""{"type":"enum","name":"Channel","symbols":["WEB","KIOSK"]}""");
        var reader = AvroSchema.Parse("""{"type":"enum","name":"Channel","symbols":["WEB"]}""");
        Assert.Equal("WEB", ((GenericEnum)Resolve(writer, "WEB", reader)!).Symbol);
        var error = Assert.Throws<AvroException>(() => Resolve(writer, "KIOSK", reader));
        Assert.Contains("'KIOSK'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReaderUnionPrefersTheWritersOwnTypeThenTheFirstPromotion()
    {
        // The exact branch wins over an earlier promotion, as in Java's resolver; without one, the first promotion.
        Assert.Equal(5, Resolve("\"int\"", 5, """["null","long","int"]"""));
        Assert.Equal(5L, Resolve("\"int\"", 5, """["null","long","double"]"""));
        Assert.Equal("s", Resolve("\"string\"", "s", """["null","int","string"]"""));
        Assert.Equal(2.0, Resolve("\"float\"", 2f, """["null","double"]"""));
        Assert.Null(Resolve("\"null\"", null, """["string","null"]"""));
    }

    [Fact]
    public void AWriterUnionIsResolvedBranchByBranch()
    {
        var writer = AvroSchema.Parse("""["null","int","string"]""");

        // Reader not a union: the branches it cannot read fail only when they occur.
        var reader = AvroSchema.Parse("\"long\"");
        Assert.Equal(4L, Resolve(writer, 4, reader));
        var error = Assert.Throws<AvroException>(() => Resolve(writer, "x", reader));
        Assert.Contains("string", error.Message, StringComparison.Ordinal);
        Assert.Throws<AvroException>(() => Resolve(writer, null, reader));

        // Reader a union: each writer branch goes to the reader's first matching branch.
        var readerUnion = AvroSchema.Parse("""["string","double","null"]""");
        Assert.Equal(4d, Resolve(writer, 4, readerUnion));
        Assert.Equal("x", Resolve(writer, "x", readerUnion));
        Assert.Null(Resolve(writer, null, readerUnion));
    }

    [Fact]
    public void AWriterUnionNoBranchOfWhichTheReaderCanReadFailsAtBuild() =>
        Assert.Throws<AvroException>(() => new GenericDatumReader(AvroSchema.Parse("""["int","long"]"""), AvroSchema.Parse("\"string\"")));

    [Fact]
    public void NestedCollectionsResolveRecursively()
    {
        var writer = AvroSchema.Parse("""{"type":"map","values":{"type":"array","items":["null","int"]}}""");
        var reader = AvroSchema.Parse("""{"type":"map","values":{"type":"array","items":["null","double"]}}""");
        var result = Resolve(writer, new Dictionary<string, object?> { ["k"] = new List<object?> { 1, null } }, reader);
        Assert.True(GenericData.DeepEquals(new Dictionary<string, object?> { ["k"] = new List<object?> { 1d, null } }, result));
    }

    [Fact]
    public void RecursiveSchemasResolve()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]},{"name":"v","type":"long"},{"name":"tag","type":"string","default":"t"}]}""");
        var list = Record(writer, ("v", 1), ("next", Record(writer, ("v", 2), ("next", null))));
        var result = (GenericRecord)Resolve(writer, list, reader)!;
        Assert.Equal(1L, result["v"]);
        Assert.Equal("t", result["tag"]);
        var next = (GenericRecord)result["next"]!;
        Assert.Equal(2L, next["v"]);
        Assert.Null(next["next"]);
    }

    [Fact]
    public void ClickEventGainsAFieldAndDropsOne()
    {
        string evolvedJson = TestSchemas.ClickEventJson
            .Replace("""{ "name": "campaign", "type": ["null", "string"], "default": null },""", string.Empty, StringComparison.Ordinal)
            .Replace(
                """{ "name": "userAgent", "type": ["null", "string"], "default": null },""",
                """{ "name": "userAgent", "type": ["null", "string"], "default": null }, { "name": "sessionHint", "type": "string", "default": "none" },""",
                StringComparison.Ordinal);
        var evolved = AvroSchema.Parse(evolvedJson);
        var result = (GenericRecord)Resolve(TestSchemas.ClickEvent, TestSchemas.TypicalClickEvent(), evolved)!;
        Assert.Equal("none", result["sessionHint"]);
        Assert.Equal("product_view", result["eventType"]);
        Assert.False(result.TryGetValue("campaign", out _));
    }
}
