using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Tests.Records;
using Xunit;

namespace JourneyMapper.Serialization.Tests.AvroSerdes;

/// <summary>Data written with another version of a schema, read as ours through resolution and <c>FromGeneric</c>.</summary>
public sealed class SchemaEvolutionTests
{
    private static T ReadAs<T>(AvroRecordCodec<T> codec, string writerSchemaJson, GenericRecord written)
        where T : class
    {
        var writer = AvroSchema.Parse(writerSchemaJson);
        var bytes = GenericDatumWriter.For(writer).Serialize(written);
        return codec.FromGeneric((GenericRecord)GenericDatumReader.For(writer, codec.Schema).Read(bytes)!);
    }

    /// <summary>The generic value of <paramref name="current"/> under <paramref name="writerSchemaJson"/>: same fields by name, others left out.</summary>
    private static GenericRecord Under(string writerSchemaJson, GenericRecord current, params (string Field, object? Value)[] overrides)
    {
        var schema = (RecordSchema)AvroSchema.Parse(writerSchemaJson);
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            record[field.Position] = current.TryGetValue(field.Name, out var value) ? Retype(value, field.Schema) : null;
        }

        foreach (var (field, value) in overrides)
        {
            record[field] = value;
        }

        return record;
    }

    // Enum values belong to their schema instance; re-point them at the writer's copy of the enum.
    private static object? Retype(object? value, AvroSchema schema) => value switch
    {
        GenericEnum symbol => GenericEnum.Of(FindEnum(schema), symbol.Symbol),
        _ => value,
    };

    private static EnumSchema FindEnum(AvroSchema schema) => schema switch
    {
        EnumSchema enumSchema => enumSchema,
        UnionSchema union => union.Branches.OfType<EnumSchema>().Single(),
        _ => throw new InvalidOperationException($"{schema} is not an enum"),
    };

    [Fact]
    public void AnOlderClickEventWithoutCampaignAndPropertiesReadsWithTheirDefaults()
    {
        var old = SchemaVersions.Without("ClickEvent.avsc", "campaign", "properties");
        var full = RecordSamples.FullClickEvent();

        var read = ReadAs(ClickEventAvroCodec.Instance, old, Under(old, RecordSamples.ToGeneric(full)));

        Assert.Equivalent(full with { Campaign = null, Properties = null }, read, strict: true);
    }

    [Fact]
    public void ANewerClickEventsExtraFieldIsSkipped()
    {
        var newer = SchemaVersions.WithExtraField("ClickEvent.avsc", "sessionHint", """{"type":"array","items":"string"}""");
        var full = RecordSamples.FullClickEvent();

        var read = ReadAs(ClickEventAvroCodec.Instance, newer, Under(newer, RecordSamples.ToGeneric(full), ("sessionHint", new List<object?> { "a", "b" })));

        Assert.Equivalent(full, read, strict: true);
    }

    [Fact]
    public void AnOlderUserProfileWithoutConsentsReadsThemAsFalse()
    {
        var old = SchemaVersions.Without("UserProfile.avsc", "analyticsConsent", "marketingConsent");
        var full = RecordSamples.FullUserProfile();

        var read = ReadAs(UserProfileAvroCodec.Instance, old, Under(old, RecordSamples.ToGeneric(full)));

        Assert.Equal(full with { AnalyticsConsent = false, MarketingConsent = false }, read);
    }

    [Fact]
    public void ATierThisBuildDoesNotKnowReadsAsUnknown()
    {
        var newer = SchemaVersions.WithExtraSymbol("UserProfile.avsc", "Tier", "DIAMOND");
        var writer = AvroSchema.Parse(newer);
        var tier = (EnumSchema)((RecordSchema)writer).GetField("tier")!.Schema;

        var read = ReadAs(UserProfileAvroCodec.Instance, newer, Under(newer, RecordSamples.ToGeneric(RecordSamples.FullUserProfile()), ("tier", GenericEnum.Of(tier, "DIAMOND"))));

        Assert.Equal(RecordSamples.FullUserProfile() with { Tier = Tier.Unknown }, read);
    }

    [Fact]
    public void AnOlderJourneySegmentWithoutRevisionAndClosedByReadsTheirDefaults()
    {
        var old = SchemaVersions.Without("JourneySegment.avsc", "truncated", "revision", "closedBy", "profile");
        var full = RecordSamples.FullJourneySegment();

        var read = ReadAs(JourneySegmentAvroCodec.Instance, old, Under(old, RecordSamples.ToGeneric(full)));

        Assert.Equivalent(full with { Truncated = false, Revision = 0, ClosedBy = null, Profile = null }, read, strict: true);
    }

    [Fact]
    public void ACloseReasonThisBuildDoesNotKnowReadsAsUnknown()
    {
        var newer = SchemaVersions.WithExtraSymbol("JourneySegment.avsc", "ClosedBy", "REBALANCE");
        var closedBy = FindEnum(((RecordSchema)AvroSchema.Parse(newer)).GetField("closedBy")!.Schema);
        var generic = Under(newer, RecordSamples.ToGeneric(RecordSamples.FullJourneySegment()));
        generic["closedBy"] = GenericEnum.Of(FindEnum(generic.Schema.GetField("closedBy")!.Schema), "REBALANCE");

        var read = ReadAs(JourneySegmentAvroCodec.Instance, newer, generic);

        Assert.Equal(6, closedBy.Symbols.Count);
        Assert.Equal(ClosedBy.Unknown, read.ClosedBy);
        Assert.Equivalent(RecordSamples.FullJourneySegment() with { ClosedBy = ClosedBy.Unknown }, read, strict: true);
    }

    [Fact]
    public void TheResolvedPathAgreesWithTheTypedPathOnOurOwnSchema()
    {
        foreach (var value in new[] { RecordSamples.FullJourneySegment(), RecordSamples.MinimalJourneySegment() })
        {
            var codec = JourneySegmentAvroCodec.Instance;
            var bytes = codec.Encode(value);

            var viaGeneric = codec.FromGeneric((GenericRecord)new GenericDatumReader(codec.Schema).Read(bytes)!);

            Assert.Equivalent(codec.Decode(bytes), viaGeneric, strict: true);
        }
    }
}
