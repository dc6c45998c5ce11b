using System.Text.Json;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

public sealed class SchemaParserTests
{
    [Theory]
    [InlineData("\"null\"", AvroType.Null)]
    [InlineData("\"boolean\"", AvroType.Boolean)]
    [InlineData("\"int\"", AvroType.Int)]
    [InlineData("{\"type\":\"long\"}", AvroType.Long)]
    [InlineData("\"float\"", AvroType.Float)]
    [InlineData("\"double\"", AvroType.Double)]
    [InlineData("\"bytes\"", AvroType.Bytes)]
    [InlineData("{\"type\":\"string\"}", AvroType.String)]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", AvroType.Array)]
    [InlineData("{\"type\":\"map\",\"values\":\"int\"}", AvroType.Map)]
    [InlineData("[\"null\",\"int\"]", AvroType.Union)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}", AvroType.Fixed)]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", AvroType.Enum)]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}", AvroType.Record)]
    public void ParsesEveryType(string json, AvroType type) => Assert.Equal(type, AvroSchema.Parse(json).Type);

    [Fact]
    public void RecordKeepsFieldsDocsDefaultsAliasesAndOrder()
    {
        var record = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"User","namespace":"acme","doc":"A user","aliases":["Person","legacy.Member"],
             "fields":[
               {"name":"id","type":"long","doc":"key","order":"descending"},
               {"name":"nick","type":["null","string"],"default":null,"aliases":["handle"],"order":"ignore"}]}
            """);

        Assert.Equal("acme.User", record.FullName);
        Assert.Equal("User", record.Name);
        Assert.Equal("acme", record.Namespace);
        Assert.Equal("A user", record.Doc);
        Assert.Equal(["acme.Person", "legacy.Member"], record.Aliases);
        Assert.Equal(2, record.Fields.Count);
        Assert.Equal(FieldOrder.Descending, record.Fields[0].Order);
        Assert.Equal("key", record.Fields[0].Doc);
        Assert.False(record.Fields[0].HasDefault);
        Assert.True(record.Fields[1].HasDefault);
        Assert.Null(record.Fields[1].DefaultValue);
        Assert.Equal(["handle"], record.Fields[1].Aliases);
        Assert.Equal(FieldOrder.Ignore, record.Fields[1].Order);
        Assert.Equal(1, record.GetField("nick")!.Position);
    }

    [Fact]
    public void SimpleNamesInheritTheMostTightlyEnclosingNamespace()
    {
        var outer = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Outer","namespace":"a.b","fields":[
              {"name":"inner","type":{"type":"record","name":"Inner","fields":[
                {"name":"deep","type":{"type":"enum","name":"Deep","symbols":["X"]}}]}},
              {"name":"other","type":{"type":"record","name":"c.d.Other","fields":[
                {"name":"nested","type":{"type":"fixed","name":"Nested","size":1}}]}},
              {"name":"nullNs","type":{"type":"record","name":"Bare","namespace":"","fields":[
                {"name":"child","type":{"type":"enum","name":"Child","symbols":["Y"]}}]}}]}
            """);

        var inner = (RecordSchema)outer.Fields[0].Schema;
        Assert.Equal("a.b.Inner", inner.FullName);
        Assert.Equal("a.b.Deep", ((NamedSchema)inner.Fields[0].Schema).FullName);
        var other = (RecordSchema)outer.Fields[1].Schema;
        Assert.Equal("c.d.Other", other.FullName);
        Assert.Equal("c.d.Nested", ((NamedSchema)other.Fields[0].Schema).FullName);
        var bare = (RecordSchema)outer.Fields[2].Schema;
        Assert.Equal("Bare", bare.FullName);
        Assert.Null(bare.Namespace);
        Assert.Equal("Child", ((NamedSchema)bare.Fields[0].Schema).FullName);
    }

    [Fact]
    public void ReferencesResolveBySimpleOrFullName()
    {
        var record = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"R","namespace":"ns","fields":[
              {"name":"a","type":{"type":"enum","name":"E","symbols":["X"]}},
              {"name":"b","type":"E"},
              {"name":"c","type":"ns.E"},
              {"name":"d","type":{"type":"E"}}]}
            """);

        var e = record.Fields[0].Schema;
        Assert.All(record.Fields, field => Assert.Same(e, field.Schema));
    }

    [Fact]
    public void NullNamespaceTypesStayReachableFromInsideANamespace()
    {
        var record = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Top","fields":[
              {"name":"e","type":{"type":"enum","name":"E","symbols":["X"]}},
              {"name":"r","type":{"type":"record","name":"R","namespace":"ns","fields":[{"name":"e","type":"E"}]}}]}
            """);

        Assert.Same(record.Fields[0].Schema, ((RecordSchema)record.Fields[1].Schema).Fields[0].Schema);
    }

    [Fact]
    public void RecursiveSchemasReferToThemselves()
    {
        var list = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"LongList","aliases":["LinkedLongs"],"fields":[
              {"name":"value","type":"long"},
              {"name":"next","type":["null","LongList"]}]}
            """);

        Assert.Same(list, ((UnionSchema)list.Fields[1].Schema).Branches[1]);
        Assert.Equal(["LinkedLongs"], list.Aliases);
    }

    [Fact]
    public void SchemaNamesCarryTypesAcrossSchemas()
    {
        var names = new SchemaNames();
        var address = AvroSchema.Parse("""{"type":"record","name":"Address","namespace":"crm","fields":[{"name":"city","type":"string"}]}""", names);
        var customer = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"Customer","namespace":"crm","fields":[{"name":"home","type":"Address"}]}""", names);

        Assert.Same(address, customer.Fields[0].Schema);
        Assert.True(names.TryGet("crm.Customer", out _));
        Assert.Equal(2, names.Count);

        // The referenced type is defined inline at its first use, so the text stands alone.
        var standalone = AvroSchema.Parse(customer.ToJson());
        Assert.Equal(customer.ToCanonicalForm(), standalone.ToCanonicalForm());
    }

    [Fact]
    public void AFailedParseAddsNothingToTheNames()
    {
        var names = new SchemaNames();
        Assert.Throws<AvroException>(() => AvroSchema.Parse(
            """{"type":"record","name":"A","fields":[{"name":"x","type":{"type":"enum","name":"E","symbols":["X"]}},{"name":"y","type":"Nope"}]}""",
            names));
        Assert.Equal(0, names.Count);
        AvroSchema.Parse("""{"type":"enum","name":"E","symbols":["X"]}""", names);
        Assert.Equal(1, names.Count);
    }

    [Fact]
    public void UnknownAttributesAreKeptAsProperties()
    {
        var schema = AvroSchema.Parse("""{"type":"string","avro.java.string":"String","tags":[1,2]}""");
        Assert.Equal("String", schema.Properties["avro.java.string"].GetString());
        Assert.Equal(JsonValueKind.Array, schema.Properties["tags"].ValueKind);
        Assert.Contains("\"tags\":[1,2]", schema.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", LogicalTypeKind.Date)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", LogicalTypeKind.TimestampMillis)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}", LogicalTypeKind.TimestampMicros)]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"uuid\"}", LogicalTypeKind.Uuid)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}", LogicalTypeKind.Decimal)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":4,\"logicalType\":\"decimal\",\"precision\":9}", LogicalTypeKind.Decimal)]
    public void RecognisesValidLogicalTypes(string json, LogicalTypeKind kind)
    {
        var schema = AvroSchema.Parse(json);
        Assert.Equal(kind, schema.LogicalType?.Kind);
        Assert.False(schema.Properties.ContainsKey("logicalType"));
        Assert.Equal(schema.ToJson(), AvroSchema.Parse(schema.ToJson()).ToJson());
    }

    [Theory]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"date\"}", AvroType.Long)]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"timestamp-millis\"}", AvroType.Int)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"uuid\"}", AvroType.Bytes)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":2,\"scale\":3}", AvroType.Bytes)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":0}", AvroType.Bytes)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\"}", AvroType.Bytes)]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":\"4\"}", AvroType.Bytes)]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"decimal\",\"precision\":4}", AvroType.String)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":4,\"logicalType\":\"decimal\",\"precision\":10}", AvroType.Fixed)]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"no-such-type\"}", AvroType.Long)]
    public void InvalidOrUnknownLogicalTypesFallBackToTheUnderlyingType(string json, AvroType type)
    {
        var schema = AvroSchema.Parse(json);
        Assert.Equal(type, schema.Type);
        Assert.Null(schema.LogicalType);

        // The annotation survives as metadata, so writing the schema back loses nothing.
        Assert.True(schema.Properties.ContainsKey("logicalType"));
        Assert.Contains("\"logicalType\"", schema.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 9)]
    [InlineData(8, 18)]
    [InlineData(16, 38)]
    public void FixedDecimalPrecisionIsLimitedBySize(int size, long maxPrecision) =>
        Assert.Equal(maxPrecision, LogicalTypeParserProbe.MaxFixedPrecision(size));

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"type\":\"record\",\"fields\":[]}", "needs a 'name'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\"}", "needs 'fields'")]
    [InlineData("{\"type\":\"record\",\"name\":\"1R\",\"fields\":[]}", "Invalid record name")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"a..b\",\"fields\":[]}", "Invalid record name")]
    [InlineData("{\"type\":\"record\",\"name\":\"int\",\"fields\":[]}", "primitive type")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}", "field 'a' twice")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a-b\",\"type\":\"int\"}]}", "Invalid field name")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\"}]}", "has no 'type'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"Later\"}]}", "Undefined name: 'Later'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"order\":\"up\"}]}", "invalid order")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"enum\",\"name\":\"R\",\"symbols\":[\"A\"]}}]}", "already defined")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "symbol 'A' twice")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A b\"]}", "Invalid symbol")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "not one of its symbols")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\"}", "'symbols' array")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}", "non-negative integer 'size'")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":1.5}", "non-negative integer 'size'")]
    [InlineData("{\"type\":\"array\"}", "needs 'items'")]
    [InlineData("{\"type\":\"map\"}", "needs 'values'")]
    [InlineData("[\"int\",[\"null\"]]", "immediately contain another union")]
    [InlineData("[\"int\",\"int\"]", "'int' twice")]
    [InlineData("[{\"type\":\"array\",\"items\":\"int\"},{\"type\":\"array\",\"items\":\"long\"}]", "'array' twice")]
    [InlineData("[\"long\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}]", "'long' twice")]
    [InlineData("{\"type\":\"nope\"}", "Unknown type")]
    [InlineData("{\"items\":\"int\"}", "needs a 'type'")]
    [InlineData("42", "JSON string, object or array")]
    [InlineData("\"Missing\"", "Undefined name")]
    public void RejectsInvalidSchemasWithAClearMessage(string json, string message)
    {
        var error = Assert.Throws<AvroException>(() => AvroSchema.Parse(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedTypesOfDifferentNamesMayShareAUnion()
    {
        var union = (UnionSchema)AvroSchema.Parse("""
            [{"type":"record","name":"A","fields":[]},{"type":"record","name":"B","fields":[]},{"type":"fixed","name":"C","size":1}]
            """);
        Assert.Equal(3, union.Branches.Count);
    }

    [Theory]
    [InlineData("\"int\"", "\"x\"")]
    [InlineData("\"int\"", "1.5")]
    [InlineData("\"int\"", "3000000000")]
    [InlineData("\"long\"", "1.5")]
    [InlineData("\"boolean\"", "\"true\"")]
    [InlineData("\"string\"", "1")]
    [InlineData("\"bytes\"", "\"\\u0100\"")]
    [InlineData("\"null\"", "0")]
    [InlineData("[\"null\",\"string\"]", "\"a\"")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "\"abc\"")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "\"B\"")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "[\"a\"]")]
    [InlineData("{\"type\":\"map\",\"values\":\"int\"}", "[]")]
    [InlineData("{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}", "{}")]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"uuid\"}", "\"not-a-uuid\"")]
    public void InvalidDefaultsAreRejectedUnlessValidationIsOff(string type, string defaultJson)
    {
        string json = $$"""{"type":"record","name":"R","fields":[{"name":"f","type":{{type}},"default":{{defaultJson}}}]}""";
        var error = Assert.Throws<AvroException>(() => AvroSchema.Parse(json));
        Assert.Contains("field 'f'", error.Message, StringComparison.Ordinal);

        var lenient = (RecordSchema)AvroSchema.Parse(json, null, validateDefaults: false);
        Assert.True(lenient.Fields[0].HasDefault);
        Assert.Throws<AvroException>(() => lenient.Fields[0].DefaultValue);
    }

    [Fact]
    public void ADefaultThatNeedsItselfIsAnErrorNotAStackOverflow()
    {
        const string json = """
            {"type":"record","name":"R","fields":[
              {"name":"self","type":{"type":"record","name":"S","fields":[
                {"name":"again","type":"S","default":{}}]}}]}
            """;
        var error = Assert.Throws<AvroException>(() => AvroSchema.Parse(json));
        Assert.Contains("refers to itself", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJsonRoundTripsEverything()
    {
        const string json = """
            {"type":"record","name":"Everything","namespace":"t","doc":"all of it","aliases":["Old"],"fields":[
              {"name":"n","type":"null","default":null},
              {"name":"b","type":"boolean","default":true,"doc":"flag"},
              {"name":"i","type":"int","default":-1,"order":"descending"},
              {"name":"l","type":"long","default":9007199254740993},
              {"name":"f","type":"float","default":1.5},
              {"name":"d","type":"double","default":"NaN"},
              {"name":"by","type":"bytes","default":"\u00ff\u0000"},
              {"name":"s","type":"string","default":"h\u00e9llo \"q\"","aliases":["str"]},
              {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"],"default":"RED","doc":"c"},"default":"GREEN"},
              {"name":"fx","type":{"type":"fixed","name":"Hash","namespace":"other","size":2},"default":"ab"},
              {"name":"a","type":{"type":"array","items":"Color"},"default":["RED"]},
              {"name":"m","type":{"type":"map","values":"other.Hash"},"default":{"k":"zz"}},
              {"name":"u","type":["null",{"type":"record","name":"Inner","namespace":"","fields":[{"name":"x","type":"int"}]}],"default":null},
              {"name":"ref","type":"Inner","default":{"x":3}},
              {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}},
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"},"custom":{"a":1}}]}
            """;
        var schema = AvroSchema.Parse(json);
        string written = schema.ToJson();
        var reparsed = AvroSchema.Parse(written);

        Assert.Equal(written, reparsed.ToJson());
        Assert.Equal(schema.ToCanonicalForm(), reparsed.ToCanonicalForm());
        var record = (RecordSchema)reparsed;
        Assert.Equal("Inner", ((NamedSchema)record.GetField("ref")!.Schema).FullName);
        Assert.Equal("other.Hash", ((NamedSchema)record.GetField("fx")!.Schema).FullName);
        Assert.Equal(["t.Old"], record.Aliases);
        Assert.Equal(["str"], record.GetField("s")!.Aliases);
        Assert.Equal("h\u00e9llo \"q\"", record.GetField("s")!.DefaultValue);
        Assert.True(double.IsNaN((double)record.GetField("d")!.DefaultValue!));
        Assert.Equal(new byte[] { 0xff, 0 }, (byte[])record.GetField("by")!.DefaultValue!);
    }
}

/// <summary>Reaches the fixed-size precision limit through the public parser: the largest precision that still parses.</summary>
internal static class LogicalTypeParserProbe
{
    public static long MaxFixedPrecision(int size)
    {
        long precision = 1;
        while (AvroSchema.Parse($$"""{"type":"fixed","name":"F","size":{{size}},"logicalType":"decimal","precision":{{precision + 1}}}""").LogicalType is not null)
        {
            precision++;
        }

        return precision;
    }
}
