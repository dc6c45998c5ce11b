using JourneyMapper.Serialization.Avro;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>
/// 200 seeded random schemas (see <see cref="RandomAvro"/>), two random values each, crossed both ways with avsc and
/// avro-js; and each schema's Parsing Canonical Form compared with both libraries'. A failure names its seed:
/// <c>new RandomAvro(seed)</c> regenerates the schema and values.
/// </summary>
[Collection(CrossImplementationCollection.Name)]
public sealed class RandomSchemaCrossTests(NodePeer peer, ITestOutputHelper output)
{
    private const int FirstSeed = 20_261_122;
    private const int SchemaCount = 200;
    private const int ValuesPerSchema = 2;

    public static TheoryData<int> Seeds() => new(Enumerable.Range(FirstSeed, SchemaCount));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomSchemaAndValuesCrossBothWays(int seed)
    {
        var random = new RandomAvro(seed);
        string schemaJson = random.NextSchema();
        AvroSchema schema;
        try
        {
            schema = AvroSchema.Parse(schemaJson);
        }
        catch (AvroException e)
        {
            Assert.Fail($"seed {seed}: the C# parser rejected {schemaJson}: {e.Message}");
            return;
        }

        var forms = await peer.CanonicalFormsAsync(schemaJson);
        string ours = schema.ToCanonicalForm();
        if (forms.AvroJsNamespaceWorkaround)
        {
            output.WriteLine($"seed {seed}: avro-js got the schema with full names (its namespace scoping differs from the specification's here)");
        }

        foreach (var (source, form) in new[] { ("avsc", forms.Avsc), ("avro-js", forms.AvroJs), ("peer.js", forms.PeerWalker) })
        {
            Assert.True(form == ours, $"seed {seed}: canonical forms differ\n{source,8}: {form}\n      C#: {ours}\n  schema: {schemaJson}");
        }

        for (int i = 0; i < ValuesPerSchema; i++)
        {
            try
            {
                await CrossCheck.BothWaysAsync(peer, schema, schemaJson, random.NextValue(schema), $"seed {seed}, value {i}");
            }
            catch (XunitException e)
            {
                throw new XunitException($"{e.Message}\n  schema: {schemaJson}");
            }
        }
    }

    /// <summary>
    /// avro-js 1.12.1 keeps a named type's explicit namespace in force for every type parsed after it (siblings
    /// included); the peer detects that and hands avro-js the schema with full names. This pins both the bug and
    /// the workaround, so neither goes unnoticed when avro-js is upgraded.
    /// </summary>
    [Fact]
    public async Task AvroJsNamespaceScopingIsDetectedAndWorkedAround()
    {
        const string SchemaJson = """
            {"type": "record", "name": "Outer", "fields": [
              {"name": "a", "type": {"type": "fixed", "name": "F", "namespace": "org.example", "size": 2}},
              {"name": "b", "type": {"type": "enum", "name": "E", "symbols": ["X", "Y"]}},
              {"name": "c", "type": ["null", "E", "org.example.F"]}]}
            """;
        var schema = (RecordSchema)AvroSchema.Parse(SchemaJson);
        Assert.Equal("E", ((EnumSchema)schema.GetField("b")!.Schema).FullName);

        var forms = await peer.CanonicalFormsAsync(SchemaJson);
        Assert.True(forms.AvroJsNamespaceWorkaround);
        Assert.Equal(schema.ToCanonicalForm(), forms.AvroJs);
        Assert.Equal(schema.ToCanonicalForm(), forms.Avsc);

        var enumSchema = (EnumSchema)schema.GetField("b")!.Schema;
        var value = new GenericRecord(schema)
        {
            ["a"] = new GenericFixed((FixedSchema)schema.GetField("a")!.Schema, [1, 2]),
            ["b"] = GenericEnum.Of(enumSchema, "Y"),
            ["c"] = GenericEnum.Of(enumSchema, "X"),
        };
        await CrossCheck.BothWaysAsync(peer, schema, SchemaJson, value, "namespace scoping");
    }

    [Fact]
    public void TheGeneratorIsDeterministicAndCoversEveryType()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int seed = FirstSeed; seed < FirstSeed + SchemaCount; seed++)
        {
            var first = new RandomAvro(seed);
            var second = new RandomAvro(seed);
            string schemaJson = first.NextSchema();
            Assert.Equal(schemaJson, second.NextSchema());
            var schema = AvroSchema.Parse(schemaJson);
            Assert.Equal(GenericData.ToDisplayString(first.NextValue(schema)), GenericData.ToDisplayString(second.NextValue(schema)));
            Collect(schema, seen, new HashSet<AvroSchema>(ReferenceEqualityComparer.Instance));
            if (schemaJson.Contains("\"namespace\"", StringComparison.Ordinal))
            {
                seen.Add("namespace");
            }
        }

        string[] expected =
        [
            "Null", "Boolean", "Int", "Long", "Float", "Double", "Bytes", "String", "Record", "Enum", "Array", "Map", "Union", "Fixed",
            "Decimal", "Uuid", "Date", "TimestampMillis", "TimestampMicros", "decimal fixed", "namespace", "recursive",
        ];
        Assert.All(expected, kind => Assert.Contains(kind, seen));
    }

    private static void Collect(AvroSchema schema, HashSet<string> seen, HashSet<AvroSchema> visiting)
    {
        seen.Add(schema.Type.ToString());
        if (schema.LogicalType is { } logical)
        {
            seen.Add(logical.Kind.ToString());
            if (schema.Type == AvroType.Fixed && logical.Kind == LogicalTypeKind.Decimal)
            {
                seen.Add("decimal fixed");
            }
        }

        if (!visiting.Add(schema))
        {
            if (schema is RecordSchema)
            {
                seen.Add("recursive");
            }

            return;
        }

        switch (schema)
        {
            case RecordSchema record:
                foreach (var field in record.Fields)
                {
                    Collect(field.Schema, seen, visiting);
                }

                break;
            case ArraySchema array:
                Collect(array.Items, seen, visiting);
                break;
            case MapSchema map:
                Collect(map.Values, seen, visiting);
                break;
            case UnionSchema union:
                foreach (var branch in union.Branches)
                {
                    Collect(branch, seen, visiting);
                }

                break;
        }

        visiting.Remove(schema);
    }
}
