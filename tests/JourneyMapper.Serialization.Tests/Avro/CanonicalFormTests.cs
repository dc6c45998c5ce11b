using System.Text;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

/// <summary>Parsing Canonical Form and CRC-64-AVRO, checked against the vectors in Avro's share/test/data/schema-tests.txt.</summary>
public sealed class CanonicalFormTests
{
    public static TheoryData<string, string, long?> Vectors => new()
    {
        { "\"null\"", "\"null\"", 7195948357588979594 },
        { "{\"type\":\"null\"}", "\"null\"", null },
        { "\"boolean\"", "\"boolean\"", -6970731678124411036 },
        { "{\"type\":\"boolean\"}", "\"boolean\"", null },
        { "\"int\"", "\"int\"", 8247732601305521295 },
        { "{\"type\":\"int\"}", "\"int\"", null },
        { "\"long\"", "\"long\"", -3434872931120570953 },
        { "{\"type\":\"long\"}", "\"long\"", null },
        { "\"float\"", "\"float\"", 5583340709985441680 },
        { "{\"type\":\"float\"}", "\"float\"", null },
        { "\"double\"", "\"double\"", -8181574048448539266 },
        { "{\"type\":\"double\"}", "\"double\"", null },
        { "\"bytes\"", "\"bytes\"", 5746618253357095269 },
        { "{\"type\":\"bytes\"}", "\"bytes\"", null },
        { "\"string\"", "\"string\"", -8142146995180207161 },
        { "{\"type\":\"string\"}", "\"string\"", null },
        { "[  ]", "[]", -1241056759729112623 },
        { "[ \"int\"  ]", "[\"int\"]", -5232228896498058493 },
        { "[ \"int\" , {\"type\":\"boolean\"} ]", "[\"int\",\"boolean\"]", 5392556393470105090 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"namespace\":\"x.y\"}", "{\"name\":\"x.y.foo\",\"type\":\"record\",\"fields\":[]}", 5916914534497305771 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"a.b.foo\", \"namespace\":\"x.y\"}", "{\"name\":\"a.b.foo\",\"type\":\"record\",\"fields\":[]}", -4616218487480524110 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"doc\":\"Useful info\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"aliases\":[\"foo\",\"bar\"]}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"doc\":\"foo\", \"aliases\":[\"foo\",\"bar\"]}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[{\"type\":{\"type\":\"boolean\"}, \"name\":\"f1\"}], \"type\":\"record\", \"name\":\"foo\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"}]}", 7843277075252814651 },
        {
            """
            { "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":"true"},
                        {"order":"descending","name":"f2","doc":"Hello","type":"int"}],
              "type":"record", "name":"foo"
            }
            """,
            "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"},{\"name\":\"f2\",\"type\":\"int\"}]}",
            -4860222112080293046
        },
        { "{\"type\":\"enum\", \"name\":\"foo\", \"symbols\":[\"A1\"]}", "{\"name\":\"foo\",\"type\":\"enum\",\"symbols\":[\"A1\"]}", -6342190197741309591 },
        { "{\"namespace\":\"x.y.z\", \"type\":\"enum\", \"name\":\"foo\", \"doc\":\"foo bar\", \"symbols\":[\"A1\", \"A2\"]}", "{\"name\":\"x.y.z.foo\",\"type\":\"enum\",\"symbols\":[\"A1\",\"A2\"]}", -4448647247586288245 },
        { "{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", "{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", 1756455273707447556 },
        { "{\"namespace\":\"x.y.z\", \"type\":\"fixed\", \"name\":\"foo\", \"doc\":\"foo bar\", \"size\":32}", "{\"name\":\"x.y.z.foo\",\"type\":\"fixed\",\"size\":32}", -3064184465700546786 },
        { "{ \"items\":{\"type\":\"null\"}, \"type\":\"array\"}", "{\"type\":\"array\",\"items\":\"null\"}", -589620603366471059 },
        { "{ \"values\":\"string\", \"type\":\"map\"}", "{\"type\":\"map\",\"values\":\"string\"}", -8732877298790414990 },
        {
            """
              {"name":"PigValue","type":"record",
               "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}
            """,
            "{\"name\":\"PigValue\",\"type\":\"record\",\"fields\":[{\"name\":\"value\",\"type\":[\"null\",\"int\",\"long\",\"PigValue\"]}]}",
            -1759257747318642341
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void CanonicalFormAndFingerprintMatchTheReferenceVectors(string input, string canonical, long? fingerprint)
    {
        // Vector 026 gives a boolean field the default "true" (a string), which the reference parses without
        // validating defaults; canonical form ignores defaults, so parse it the same way.
        var schema = AvroSchema.Parse(input, null, validateDefaults: false);

        Assert.Equal(canonical, schema.ToCanonicalForm());
        if (fingerprint is { } expected)
        {
            Assert.Equal(expected, schema.Fingerprint64());
        }

        // The canonical form is itself a schema with the same canonical form and fingerprint.
        var reparsed = AvroSchema.Parse(schema.ToCanonicalForm());
        Assert.Equal(canonical, reparsed.ToCanonicalForm());
        Assert.Equal(schema.Fingerprint64(), reparsed.Fingerprint64());
    }

    [Fact]
    public void TheFingerprintOfNoBytesIsTheEmptyConstant() =>
        Assert.Equal(unchecked((long)0xc15d213aa4d7a795UL), Crc64Avro.Compute([]));

    [Fact]
    public void FingerprintIsTheCrcOfTheUtf8CanonicalForm()
    {
        var schema = TestSchemas.ClickEvent;
        Assert.Equal(Crc64Avro.Compute(Encoding.UTF8.GetBytes(schema.ToCanonicalForm())), schema.Fingerprint64());
    }

    [Fact]
    public void LogicalTypesDocsDefaultsAliasesOrderAndMetadataAreStripped()
    {
        var schema = AvroSchema.Parse("""
            {"type":"record","name":"R","namespace":"n","doc":"d","aliases":["Old"],"owner":"team",
             "fields":[
               {"name":"t","type":{"type":"long","logicalType":"timestamp-millis","x":1},"doc":"when","default":0,"order":"ignore","aliases":["time"]},
               {"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
               {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}},
               {"name":"f","type":{"type":"fixed","name":"F","size":"016","logicalType":"decimal","precision":4}}
             ]}
            """);

        Assert.Equal(
            "{\"name\":\"n.R\",\"type\":\"record\",\"fields\":[{\"name\":\"t\",\"type\":\"long\"},{\"name\":\"d\",\"type\":\"bytes\"}," +
            "{\"name\":\"e\",\"type\":{\"name\":\"n.E\",\"type\":\"enum\",\"symbols\":[\"A\",\"B\"]}}," +
            "{\"name\":\"f\",\"type\":{\"name\":\"n.F\",\"type\":\"fixed\",\"size\":16}}]}",
            schema.ToCanonicalForm());
    }

    [Fact]
    public void EscapedStringsAreWrittenAsPlainCharacters()
    {
        var schema = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"\\u0046oo\",\"fields\":[{\"name\":\"b\\u0061r\",\"type\":\"\\u0069nt\"}]}");
        Assert.Equal("{\"name\":\"Foo\",\"type\":\"record\",\"fields\":[{\"name\":\"bar\",\"type\":\"int\"}]}", schema.ToCanonicalForm());
    }

    [Fact]
    public void NamedTypesAreDefinedOnceThenReferencedByFullname()
    {
        var schema = AvroSchema.Parse("""
            {"type":"record","name":"Pair","namespace":"geo","fields":[
              {"name":"a","type":{"type":"record","name":"Point","fields":[{"name":"x","type":"double"}]}},
              {"name":"b","type":"Point"},
              {"name":"c","type":{"type":"array","items":"geo.Point"}}]}
            """);

        Assert.Equal(
            "{\"name\":\"geo.Pair\",\"type\":\"record\",\"fields\":[" +
            "{\"name\":\"a\",\"type\":{\"name\":\"geo.Point\",\"type\":\"record\",\"fields\":[{\"name\":\"x\",\"type\":\"double\"}]}}," +
            "{\"name\":\"b\",\"type\":\"geo.Point\"},{\"name\":\"c\",\"type\":{\"type\":\"array\",\"items\":\"geo.Point\"}}]}",
            schema.ToCanonicalForm());
    }

    [Fact]
    public void TheSpecificationsNamespaceExampleGetsItsFullnames()
    {
        var schema = AvroSchema.Parse("""
            {"type":"record","name":"Example","fields":[
              {"name":"inheritNull","type":{"type":"enum","name":"Simple","symbols":["a","b"]}},
              {"name":"explicitNamespace","type":{"type":"fixed","name":"Simple","namespace":"explicit","size":12}},
              {"name":"fullName","type":{"type":"record","name":"a.full.Name","namespace":"ignored","fields":[
                {"name":"inheritNamespace","type":{"type":"enum","name":"Understanding","symbols":["d","e"]}}]}}]}
            """);

        Assert.Equal(
            "{\"name\":\"Example\",\"type\":\"record\",\"fields\":[" +
            "{\"name\":\"inheritNull\",\"type\":{\"name\":\"Simple\",\"type\":\"enum\",\"symbols\":[\"a\",\"b\"]}}," +
            "{\"name\":\"explicitNamespace\",\"type\":{\"name\":\"explicit.Simple\",\"type\":\"fixed\",\"size\":12}}," +
            "{\"name\":\"fullName\",\"type\":{\"name\":\"a.full.Name\",\"type\":\"record\",\"fields\":[" +
            "{\"name\":\"inheritNamespace\",\"type\":{\"name\":\"a.full.Understanding\",\"type\":\"enum\",\"symbols\":[\"d\",\"e\"]}}]}}]}",
            schema.ToCanonicalForm());
    }

    [Fact]
    public void SchemasThatDifferOnlyInLayoutShareAFingerprint()
    {
        var compact = AvroSchema.Parse(TestSchemas.ClickEventJson);
        var reordered = AvroSchema.Parse(compact.ToJson(indented: true));
        Assert.Equal(compact.Fingerprint64(), reordered.Fingerprint64());

        var renamed = AvroSchema.Parse(TestSchemas.ClickEventJson.Replace("\"eventType\"", "\"kind\"", StringComparison.Ordinal));
        Assert.NotEqual(compact.Fingerprint64(), renamed.Fingerprint64());
    }
}
