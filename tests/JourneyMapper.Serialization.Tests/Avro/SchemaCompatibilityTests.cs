using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

/// <summary>SchemaCompatibility.Check(reader, writer): BACKWARD is Check(new, previous).</summary>
public sealed class SchemaCompatibilityTests
{
    private static SchemaCompatibilityResult Check(string reader, string writer) =>
        SchemaCompatibility.Check(AvroSchema.Parse(reader), AvroSchema.Parse(writer));

    private static string Record(string fields) => $$"""{"type":"record","name":"R","namespace":"n","fields":[{{fields}}]}""";

    [Fact]
    public void IdenticalSchemasAreCompatible()
    {
        var result = SchemaCompatibility.Check(TestSchemas.ClickEvent, AvroSchema.Parse(TestSchemas.ClickEventJson));
        Assert.True(result.IsCompatible, result.ToString());
        Assert.Empty(result.Incompatibilities);
    }

    [Fact]
    public void AddingAFieldWithADefaultIsBackwardCompatible() =>
        Assert.True(Check(
            Record("""{"name":"a","type":"int"},{"name":"b","type":["null","string"],"default":null}"""),
            Record("""{"name":"a","type":"int"}""")).IsCompatible);

    [Fact]
    public void AddingAFieldWithoutADefaultIsNot()
    {
        var result = Check(Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}"""), Record("""{"name":"a","type":"int"}"""));
        Assert.False(result.IsCompatible);
        var problem = Assert.Single(result.Incompatibilities);
        Assert.StartsWith("/fields/b:", problem, StringComparison.Ordinal);
        Assert.Contains("no default", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovingAFieldIsBackwardCompatible() =>
        Assert.True(Check(Record("""{"name":"a","type":"int"}"""), Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}""")).IsCompatible);

    [Fact]
    public void PromotionsWorkOneWayOnly()
    {
        Assert.True(Check(Record("""{"name":"a","type":"long"}"""), Record("""{"name":"a","type":"int"}""")).IsCompatible);
        var narrowing = Check(Record("""{"name":"a","type":"int"}"""), Record("""{"name":"a","type":"long"}"""));
        Assert.False(narrowing.IsCompatible);
        Assert.Contains("/fields/a: the reader's int cannot read the writer's long", narrowing.Incompatibilities);
        Assert.True(Check("\"bytes\"", "\"string\"").IsCompatible);
        Assert.True(Check("\"string\"", "\"bytes\"").IsCompatible);
        Assert.True(Check("\"double\"", "\"float\"").IsCompatible);
    }

    [Fact]
    public void EnumsMayGainSymbolsButLosingOneNeedsADefault()
    {
        const string abc = """{"type":"enum","name":"E","symbols":["A","B","C"]}""";
        const string ab = """{"type":"enum","name":"E","symbols":["A","B"]}""";
        const string abWithDefault = """{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}""";
        Assert.True(Check(abc, ab).IsCompatible);
        var lost = Check(ab, abc);
        Assert.False(lost.IsCompatible);
        Assert.Contains("[C]", Assert.Single(lost.Incompatibilities), StringComparison.Ordinal);
        Assert.True(Check(abWithDefault, abc).IsCompatible);
    }

    [Fact]
    public void UnionsMayWidenButNotNarrow()
    {
        Assert.True(Check("""["null","string","int"]""", """["null","string"]""").IsCompatible);
        Assert.True(Check("""["null","string"]""", "\"string\"").IsCompatible);
        var narrowed = Check("""["null","string"]""", """["null","string","int"]""");
        Assert.False(narrowed.IsCompatible);
        Assert.StartsWith("/2:", Assert.Single(narrowed.Incompatibilities), StringComparison.Ordinal);
        Assert.False(Check("\"string\"", """["null","string"]""").IsCompatible);
    }

    [Fact]
    public void NamesMustMatchUnlessAliased()
    {
        var renamed = Check("""{"type":"record","name":"S","fields":[]}""", """{"type":"record","name":"R","fields":[]}""");
        Assert.Contains("does not match", Assert.Single(renamed.Incompatibilities), StringComparison.Ordinal);
        Assert.True(Check("""{"type":"record","name":"S","aliases":["R"],"fields":[]}""", """{"type":"record","name":"R","fields":[]}""").IsCompatible);
        Assert.True(Check(Record("""{"name":"b","type":"int","aliases":["a"]}"""), Record("""{"name":"a","type":"int"}""")).IsCompatible);
    }

    [Fact]
    public void FixedSizesAndDecimalsMustAgree()
    {
        Assert.Contains("size 8", Assert.Single(Check(
            """{"type":"fixed","name":"F","size":8}""", """{"type":"fixed","name":"F","size":4}""").Incompatibilities), StringComparison.Ordinal);
        Assert.Contains("decimal(6,2)", Assert.Single(Check(
            """{"type":"bytes","logicalType":"decimal","precision":6,"scale":2}""",
            """{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}""").Incompatibilities), StringComparison.Ordinal);
        Assert.True(Check("\"bytes\"", """{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}""").IsCompatible);
    }

    [Fact]
    public void EveryProblemIsReportedWithItsPath()
    {
        var result = Check(
            Record("""{"name":"a","type":"int"},{"name":"m","type":{"type":"map","values":{"type":"array","items":"int"}}},{"name":"z","type":"string"}"""),
            Record("""{"name":"a","type":"string"},{"name":"m","type":{"type":"map","values":{"type":"array","items":"long"}}}"""));
        Assert.Equal(3, result.Incompatibilities.Count);
        Assert.StartsWith("/fields/a:", result.Incompatibilities[0], StringComparison.Ordinal);
        Assert.StartsWith("/fields/m/values/items:", result.Incompatibilities[1], StringComparison.Ordinal);
        Assert.StartsWith("/fields/z:", result.Incompatibilities[2], StringComparison.Ordinal);
    }

    [Fact]
    public void RecursiveSchemasAreCheckedWithoutLoopingForever()
    {
        const string writer = """{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}""";
        const string wider = """{"type":"record","name":"Node","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","Node"]}]}""";
        Assert.True(Check(wider, writer).IsCompatible);
        Assert.False(Check(writer, wider).IsCompatible);
    }

    [Fact]
    public void ClickEventEvolutionsAreJudgedAsTheRegistryWould()
    {
        string withOptional = TestSchemas.ClickEventJson.Replace(
            """{ "name": "userAgent", "type": ["null", "string"], "default": null },""",
            """{ "name": "userAgent", "type": ["null", "string"], "default": null }, { "name": "locale", "type": ["null", "string"], "default": null },""",
            StringComparison.Ordinal);
        string withRequired = withOptional.Replace(
            """{ "name": "locale", "type": ["null", "string"], "default": null }""",
            """{ "name": "locale", "type": "string" }""",
            StringComparison.Ordinal);

        Assert.True(SchemaCompatibility.Check(AvroSchema.Parse(withOptional), TestSchemas.ClickEvent).IsCompatible);
        Assert.False(SchemaCompatibility.Check(AvroSchema.Parse(withRequired), TestSchemas.ClickEvent).IsCompatible);
    }

    [Fact]
    public void CompatibilityAgreesWithTheResolvingReader()
    {
        // Whenever the checker says compatible, building the resolving reader must succeed.
        string[] schemas =
        [
            "\"int\"", "\"long\"", "\"string\"", "\"bytes\"", """["null","int"]""", """["null","long","string"]""",
            Record("""{"name":"a","type":"int"}"""), Record("""{"name":"a","type":"long","default":0}"""),
            Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}"""),
            """{"type":"enum","name":"E","symbols":["A"]}""", """{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}""",
        ];
        foreach (string reader in schemas)
        {
            foreach (string writer in schemas)
            {
                if (Check(reader, writer).IsCompatible)
                {
                    _ = new GenericDatumReader(AvroSchema.Parse(writer), AvroSchema.Parse(reader));
                }
            }
        }
    }
}
