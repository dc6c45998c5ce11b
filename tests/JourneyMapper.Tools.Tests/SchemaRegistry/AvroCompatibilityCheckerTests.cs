using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Tools.SchemaRegistry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

/// <summary>The Avro checker's levels, alone and as the in-process registry's rules.</summary>
public sealed class AvroCompatibilityCheckerTests
{
    private const int TestTimeoutMs = 30_000;

    private const string V1 = """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"string"}]}""";

    // Adds an optional field: readable both ways.
    private const string WithOptionalEmail =
        """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"string"},{"name":"email","type":["null","string"],"default":null}]}""";

    // Adds a required field: old data lacks it (not BACKWARD); old readers ignore it (FORWARD).
    private const string WithRequiredAge =
        """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"string"},{"name":"age","type":"int"}]}""";

    // Drops the required id: new readers ignore it (BACKWARD); old readers miss it (not FORWARD).
    private const string WithoutId =
        """{"type":"record","name":"User","namespace":"test","fields":[{"name":"email","type":["null","string"],"default":null}]}""";

    private const string WithDefaultedAge =
        """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"string"},{"name":"age","type":"int","default":0}]}""";

    private readonly AvroCompatibilityChecker _checker = AvroCompatibilityChecker.Instance;

    [Theory]
    [InlineData(WithOptionalEmail, CompatibilityLevel.Backward, true)]
    [InlineData(WithOptionalEmail, CompatibilityLevel.Forward, true)]
    [InlineData(WithOptionalEmail, CompatibilityLevel.Full, true)]
    [InlineData(WithRequiredAge, CompatibilityLevel.Backward, false)]
    [InlineData(WithRequiredAge, CompatibilityLevel.Forward, true)]
    [InlineData(WithRequiredAge, CompatibilityLevel.Full, false)]
    [InlineData(WithoutId, CompatibilityLevel.Backward, true)]
    [InlineData(WithoutId, CompatibilityLevel.Forward, false)]
    [InlineData(WithoutId, CompatibilityLevel.Full, false)]
    [InlineData(WithRequiredAge, CompatibilityLevel.None, true)]
    public void EachLevelChecksItsDirections(string candidate, CompatibilityLevel level, bool compatible)
    {
        var result = _checker.Check(candidate, [V1], level);

        Assert.Equal(compatible, result.IsCompatible);
        Assert.Equal(compatible, result.Messages.Count == 0);
    }

    [Fact]
    public void ARefusalSaysWhichDirectionAndWhichField()
    {
        var result = _checker.Check(WithRequiredAge, [V1], CompatibilityLevel.Full);

        var message = Assert.Single(result.Messages);
        Assert.Equal(
            "FULL: the new schema cannot read data written with the latest schema: /fields/age: the reader's field 'age' has no default value and the writer's record 'test.User' has no such field",
            message);
    }

    [Fact]
    public void TransitiveLevelsCheckEveryVersionTheOthersTheLatest()
    {
        // V1 -> age with a default -> age without: each step is BACKWARD, but the last cannot read V1's data.
        IReadOnlyList<string> history = [V1, WithDefaultedAge];

        Assert.True(_checker.Check(WithRequiredAge, history, CompatibilityLevel.Backward).IsCompatible);
        var transitive = _checker.Check(WithRequiredAge, history, CompatibilityLevel.BackwardTransitive);
        Assert.False(transitive.IsCompatible);
        Assert.StartsWith("BACKWARD_TRANSITIVE: the new schema cannot read data written with existing schema #1 (oldest first): ", Assert.Single(transitive.Messages), StringComparison.Ordinal);

        Assert.True(_checker.Check(WithOptionalEmail, [WithRequiredAge, V1], CompatibilityLevel.Forward).IsCompatible);
        Assert.False(_checker.Check(WithOptionalEmail, [WithRequiredAge, V1], CompatibilityLevel.ForwardTransitive).IsCompatible);
        Assert.False(_checker.Check(WithoutId, [WithOptionalEmail, V1], CompatibilityLevel.FullTransitive).IsCompatible);
    }

    [Fact]
    public void NothingToCompareWithAcceptsAnything() =>
        Assert.True(_checker.Check(WithRequiredAge, [], CompatibilityLevel.FullTransitive).IsCompatible);

    [Fact]
    public void AnInvalidSchemaIsIncompatibleRatherThanAnException()
    {
        var result = _checker.Check("""{"type":"record","name":"User","fields":[{"name":"id","type":"nope"}]}""", [V1], CompatibilityLevel.Backward);

        Assert.False(result.IsCompatible);
        Assert.StartsWith("The new schema is not a valid Avro schema: ", Assert.Single(result.Messages), StringComparison.Ordinal);
        Assert.False(_checker.Check("{not json", [V1], CompatibilityLevel.Backward).IsCompatible);
    }

    [Fact]
    public void TheRecordsSchemasEvolveBackwardFromTheirOlderShapes()
    {
        var clickEvent = RecordSchemas.ReadText("ClickEvent.avsc");
        var withoutProperties = clickEvent.Replace(
            """{ "name": "properties", "type": ["null", { "type": "map", "values": "string" }], "default": null, "doc": "Free-form attributes, e.g. currency and price of a purchase." }""",
            """{ "name": "legacy", "type": "string", "default": "" }""",
            StringComparison.Ordinal);
        Assert.NotEqual(clickEvent, withoutProperties);

        Assert.True(_checker.Check(clickEvent, [withoutProperties], CompatibilityLevel.FullTransitive).IsCompatible);
        Assert.True(_checker.Check(clickEvent, [clickEvent], CompatibilityLevel.FullTransitive).IsCompatible);
    }

    [Fact]
    public void NormalizingIgnoresLayoutAttributeOrderAndNamespaceSpelling()
    {
        const string reordered = """
            {
              "fields": [ { "type": "string", "name": "id" } ],
              "namespace": "test",
              "name": "User",
              "type": "record"
            }
            """;
        const string fullName = """{"type":"record","name":"test.User","fields":[{"name":"id","type":{"type":"string"}}]}""";

        Assert.Equal(AvroCompatibilityChecker.NormalizeSchema(V1), AvroCompatibilityChecker.NormalizeSchema(reordered));
        Assert.Equal(AvroCompatibilityChecker.NormalizeSchema(V1), AvroCompatibilityChecker.NormalizeSchema(fullName));
    }

    [Fact]
    public void NormalizingKeepsDefaultsAndDocsApartUnlikeTheCanonicalForm()
    {
        Assert.NotEqual(AvroCompatibilityChecker.NormalizeSchema(WithRequiredAge), AvroCompatibilityChecker.NormalizeSchema(WithDefaultedAge));
        Assert.Equal(AvroCompatibilityChecker.CanonicalForm(WithRequiredAge), AvroCompatibilityChecker.CanonicalForm(WithDefaultedAge));
        Assert.Throws<AvroException>(() => AvroCompatibilityChecker.NormalizeSchema("""{"type":"enum","name":"E","symbols":["A","A"]}"""));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task TheRegistryWithTheAvroCheckerAcceptsRealEvolutionAndRefusesBreakage()
    {
        await using var registry = await AvroRegistry.StartAsync();
        using var client = RegistryClients.For(registry);
        var v1 = await client.RegisterSchemaAsync("users-value", V1);

        // The placeholder checker refuses this backward-compatible change (CompatibilityFollowsThePlaceholderChecker).
        Assert.True(await client.IsCompatibleAsync("users-value", WithOptionalEmail));
        var v2 = await client.RegisterSchemaAsync("users-value", WithOptionalEmail);
        Assert.NotEqual(v1, v2);
        Assert.Equal(2, (await client.GetLatestSchemaAsync("users-value")).Version);

        Assert.False(await client.IsCompatibleAsync("users-value", WithRequiredAge));
        var refused = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("users-value", WithRequiredAge));
        Assert.True(refused.IsIncompatibleSchema);
        Assert.Contains("'age' has no default value", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task TheRegistryWithTheAvroNormalizerSharesIdsByMeaningAndRefusesNonAvro()
    {
        await using var registry = await AvroRegistry.StartAsync();
        using var client = RegistryClients.For(registry);
        var id = await client.RegisterSchemaAsync("users-value", V1);

        Assert.Equal(id, await client.RegisterSchemaAsync("people-value", TestSchemas.UserV1Pretty));

        // Only a default differs: a new version, so readers fetching it by id see the default.
        await client.RegisterSchemaAsync("ages-value", WithRequiredAge);
        Assert.NotEqual(
            await client.RegisterSchemaAsync("ages-value", WithDefaultedAge),
            await client.GetSchemaIdAsync("ages-value", WithRequiredAge));

        var invalid = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            client.RegisterSchemaAsync("users-value", """{"type":"record","name":"User","fields":[{"name":"id","type":"nope"}]}"""));
        Assert.Equal(SchemaRegistryErrorCodes.InvalidSchema, invalid.ErrorCode);
    }
}

/// <summary>The in-process registry with Confluent's Avro rules, as a host wires it.</summary>
internal static class AvroRegistry
{
    public static InProcessSchemaRegistryOptions Options { get; } = new()
    {
        CompatibilityChecker = AvroCompatibilityChecker.Instance,
        NormalizeSchema = AvroCompatibilityChecker.NormalizeSchema,
    };

    public static Task<InProcessSchemaRegistry> StartAsync() => InProcessSchemaRegistry.StartAsync(Options);
}
