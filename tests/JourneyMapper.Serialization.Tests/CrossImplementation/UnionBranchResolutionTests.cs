using System.Text;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>
/// Found by the random cross-implementation tests: bytes that avsc, avro-js and the C# writer all encode alike (the
/// branch index is right on the wire) decode in C# into the wrong branch of a union. Reading with the very schema
/// the data was written with must give back the value written, as avsc, avro-js and Java do; here a long in
/// ["double", "long"] came back as a double (losing precision), a uuid in ["bytes", uuid-string] as bytes, a
/// string in ["bytes", "string"] as bytes. Cause: SchemaMatching.FirstMatchingBranch (used by
/// ResolutionPlanBuilder for a writer's union branch, and by SchemaCompatibility) takes the first reader branch
/// the writer's branch merely matches, promotions and unqualified names included, before the branch of the same
/// type and full name further on. Java's ResolvingGrammarGenerator.bestBranch looks for that exact branch first
/// (same type, and for a named type the same full name), then a named type matching by unqualified name or
/// alias, and only then a promotion.
/// </summary>
public sealed class UnionBranchResolutionTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { """["double", "long"]""", "long" },
        { """["null", "double", "long"]""", "long" },
        { """["long", "int"]""", "int" },
        { """["double", "float"]""", "float" },
        { """["bytes", "string"]""", "string" },
        { """["string", "bytes"]""", "bytes" },
        { """["null", "bytes", {"type": "string", "logicalType": "uuid"}]""", "uuid" },
        {
            """
            [{"type": "record", "name": "R", "namespace": "a", "fields": [{"name": "x", "type": "int"}]},
             {"type": "record", "name": "R", "namespace": "b", "fields": [{"name": "y", "type": "string"}]}]
            """,
            "b.R"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AValueReadWithItsOwnSchemaComesBackInItsOwnBranch(string unionJson, string branch)
    {
        var union = (UnionSchema)AvroSchema.Parse(unionJson);
        object? value = branch switch
        {
            "long" => 1_234_567_890_123_456_789L,
            "int" => 7,
            "float" => 1.5f,
            "string" => "text",
            "bytes" => Encoding.UTF8.GetBytes("raw"),
            "uuid" => Guid.Parse("6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11"),
            _ => new GenericRecord((RecordSchema)union.Branches.Single(b => b is RecordSchema r && r.FullName == branch)) { ["y"] = "text" },
        };

        byte[] bytes = GenericDatumWriter.For(union).Serialize(value);

        // The writer picks the right branch (the index is the first byte, zig-zag encoded).
        Assert.Equal(TaggedJson.BranchOf(union, value), bytes[0] / 2);
        AvroValues.AssertSame(union, value, new GenericDatumReader(union).Read(bytes), $"{unionJson} read with itself");
    }
}
