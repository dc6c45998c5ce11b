using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Records;

/// <summary>The JSON form of the records, as SPEC fixes it: camelCase, epoch-millisecond or ISO-8601 instants in, epoch milliseconds out.</summary>
public sealed class RecordJsonTests
{
    private static readonly SerializationContext Value = new(MessageComponentType.Value, "t");

    private static string Json<T>(JsonSerde<T> serde, T value)
        where T : class =>
        Encoding.UTF8.GetString(serde.Serialize(value, Value));

    private static T Parse<T>(JsonSerde<T> serde, string json)
        where T : class =>
        serde.Deserialize(Encoding.UTF8.GetBytes(json), isNull: false, Value);

    [Fact]
    public void ClickEventIsCamelCaseWithEpochMillisAndNoDerivedCustomerId()
    {
        Assert.Equal(
            """{"eventId":"6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11","timestamp":1732270000123,"eventType":"product_view","userId":"user-48213","channel":"web","productId":"sku-100234","pageUrl":"https://shop.example.com/p/sku-100234","referrer":"https://www.example.org/","deviceId":"dev-9f3e","properties":{"currency":"EUR","price":"49.90"}}""",
            Json(JsonSerdes.ClickEvent, RecordSamples.TypicalClickEvent()));
    }

    [Theory]
    [InlineData("1732270000123")]
    [InlineData("\"2024-11-22T10:06:40.123Z\"")]
    [InlineData("\"2024-11-22T11:06:40.123+01:00\"")]
    public void ClickEventTimestampIsReadFromEpochMillisOrIso8601(string timestamp)
    {
        var clickEvent = Parse(JsonSerdes.ClickEvent, $$"""{"eventId":"e-1","timestamp":{{timestamp}},"eventType":"page_view","anonymousId":"a-1"}""");

        Assert.Equal(1_732_270_000_123, clickEvent.Timestamp);
        Assert.Equal("e-1", clickEvent.EventId);
        Assert.Equal("page_view", clickEvent.EventType);
        Assert.Equal("a-1", clickEvent.CustomerId);
    }

    [Fact]
    public void AClickEventMissingRequiredFieldsStillDeserializesForValidationToJudge()
    {
        var clickEvent = Parse(JsonSerdes.ClickEvent, """{"channel":"web"}""");

        Assert.Null(clickEvent.EventId);
        Assert.Null(clickEvent.Timestamp);
        Assert.Null(clickEvent.EventType);
        Assert.Equal("web", clickEvent.Channel);
    }

    [Theory]
    [InlineData("""{"eventId":"e-1"}""", null)]
    [InlineData("""{"eventId":"e-1","properties":null}""", null)]
    [InlineData("""{"eventId":"e-1","properties":{}}""", "{ }")]
    [InlineData("""{"eventId":"e-1","properties":{"b":"1","a":"2","b":"3"}}""", "{ b = 3, a = 2 }")]
    public void ClickEventPropertiesAreAbsentNullOrAnObjectOfStrings(string json, string? expected)
    {
        var properties = Parse(JsonSerdes.ClickEvent, json).Properties;

        Assert.Equal(expected, properties?.ToString());
    }

    [Fact]
    public void ClickEventPropertiesWriteTheirEntriesInOrderAndNothingWhenAbsent()
    {
        var many = Enumerable.Range(0, 6).ToDictionary(i => $"k{5 - i}", i => $"\"{i}\" é");
        var minimal = new ClickEvent { EventId = "e-1" };

        Assert.Equal("""{"eventId":"e-1"}""", Json(JsonSerdes.ClickEvent, minimal));
        Assert.Equal("""{"eventId":"e-1","properties":{}}""", Json(JsonSerdes.ClickEvent, minimal with { Properties = EventProperties.Empty }));
        Assert.Equal(
            JsonSerializer.Serialize(new { eventId = "e-1", properties = many }),
            Json(JsonSerdes.ClickEvent, minimal with { Properties = many }));
    }

    [Theory]
    [InlineData("""{"properties":{"a":null}}""")]
    [InlineData("""{"properties":{"a":1}}""")]
    [InlineData("""{"properties":{"a":{}}}""")]
    [InlineData("""{"properties":["a"]}""")]
    [InlineData("""{"properties":"a"}""")]
    public void ClickEventPropertiesOtherThanStringsAreMalformed(string json) =>
        Assert.Throws<JsonException>(() => Parse(JsonSerdes.ClickEvent, json));

    [Fact]
    public void UserProfileIsCamelCaseWithALowerCaseTier()
    {
        const string json =
            """{"userId":"user-48213","tier":"gold","persona":"bargain-hunter","lifetimeValue":1234567890.12,"country":"DE","analyticsConsent":true,"marketingConsent":true,"updatedAt":1732270000123}""";

        Assert.Equal(json, Json(JsonSerdes.UserProfile, RecordSamples.FullUserProfile()));
        Assert.Equal(RecordSamples.FullUserProfile(), Parse(JsonSerdes.UserProfile, json));
    }

    [Fact]
    public void UserProfileReadsIsoUpdatedAtAnyTierCaseAndUnknownTiersAsUnknown()
    {
        var profile = Parse(JsonSerdes.UserProfile, """{"userId":"u","tier":"PLATINUM","updatedAt":"2024-11-22T10:06:40.123Z"}""");
        Assert.Equal(Tier.Platinum, profile.Tier);
        Assert.Equal(1_732_270_000_123, profile.UpdatedAt);
        Assert.False(profile.AnalyticsConsent);
        Assert.Null(profile.LifetimeValue);

        Assert.Equal(Tier.Unknown, Parse(JsonSerdes.UserProfile, """{"userId":"u","tier":"diamond","updatedAt":0}""").Tier);
        Assert.Equal(Tier.Unknown, Parse(JsonSerdes.UserProfile, """{"userId":"u","updatedAt":0}""").Tier);
        Assert.Throws<JsonException>(() => Parse(JsonSerdes.UserProfile, """{"userId":"u","tier":3,"updatedAt":0}"""));
    }

    [Fact]
    public void UserProfileRequiresItsUserId() =>
        Assert.Throws<JsonException>(() => Parse(JsonSerdes.UserProfile, """{"tier":"gold","updatedAt":0}"""));

    [Fact]
    public void JourneySegmentIsCamelCaseWithSpecClosedByNames()
    {
        const string json =
            """{"sessionId":"user-48213@1732270000123","userId":"user-48213","anonymousId":"anon-77","start":1732270000123,"end":1732271800000,"eventCount":5,"eventIds":["e-1","e-2","e-3","e-4","e-5"],"truncated":true,"path":["page_view","product_view","product_view","add_to_cart","checkout_start"],"features":{"product_view.count":2,"duration.minutes":29.995,"cart.value":-0.5},"primarySegment":"checkout-abandonment","segments":[{"label":"checkout-abandonment","rule":"checkout-started-no-purchase"},{"label":"high-intent-buyer","rule":"same-product-viewed-twice"}],"profile":{"tier":"GOLD","persona":"loyal","lifetimeValue":1234.5,"country":"DE","marketingConsent":true},"revision":3,"closedBy":"max-duration"}""";

        Assert.Equal(json, Json(JsonSerdes.JourneySegment, RecordSamples.FullJourneySegment()));
        Assert.Equivalent(RecordSamples.FullJourneySegment(), Parse(JsonSerdes.JourneySegment, json), strict: true);
    }

    [Fact]
    public void AnOpenSessionWritesNullProfileAndClosedByRatherThanLeavingThemOut()
    {
        const string json =
            """{"sessionId":"s-1","start":10,"end":10,"eventCount":0,"eventIds":[],"truncated":false,"path":[],"features":{},"primarySegment":"bounce","segments":[],"profile":null,"revision":0,"closedBy":null}""";

        Assert.Equal(json, Json(JsonSerdes.JourneySegment, RecordSamples.MinimalJourneySegment()));
        Assert.Equivalent(RecordSamples.MinimalJourneySegment(), Parse(JsonSerdes.JourneySegment, json), strict: true);
    }

    [Theory]
    [InlineData(ClosedBy.Inactivity, "inactivity")]
    [InlineData(ClosedBy.MaxDuration, "max-duration")]
    [InlineData(ClosedBy.IdleTimeout, "idle-timeout")]
    [InlineData(ClosedBy.Shutdown, "shutdown")]
    [InlineData(ClosedBy.Unknown, "unknown")]
    public void ClosedByRoundTripsUnderItsSpecName(ClosedBy reason, string name)
    {
        var segment = RecordSamples.MinimalJourneySegment() with { ClosedBy = reason };

        var json = Json(JsonSerdes.JourneySegment, segment);

        Assert.EndsWith($"\"closedBy\":\"{name}\"}}", json, StringComparison.Ordinal);
        Assert.Equal(reason, Parse(JsonSerdes.JourneySegment, json).ClosedBy);
    }

    [Theory]
    [InlineData("\"MAX_DURATION\"", ClosedBy.MaxDuration)]
    [InlineData("\"Idle-Timeout\"", ClosedBy.IdleTimeout)]
    [InlineData("\"rebalance\"", ClosedBy.Unknown)]
    public void ClosedByReadsAvroSymbolsAndTakesUnknownReasonsAsUnknown(string closedBy, ClosedBy expected) =>
        Assert.Equal(expected, Parse(JsonSerdes.JourneySegment, $$"""{"sessionId":"s","start":1,"end":2,"primarySegment":"bounce","closedBy":{{closedBy}}}""").ClosedBy);

    [Fact]
    public void JourneySegmentReadsIsoInstants()
    {
        var segment = Parse(JsonSerdes.JourneySegment, """{"sessionId":"s","start":"2024-11-22T10:06:40.123Z","end":1732270000124,"primarySegment":"bounce"}""");

        Assert.Equal(1_732_270_000_123, segment.Start);
        Assert.Equal(1_732_270_000_124, segment.End);
        Assert.Empty(segment.EventIds);
        Assert.Null(segment.Profile);
        Assert.Null(segment.ClosedBy);
    }

    [Fact]
    public void JourneySegmentRequiresItsIdentityAndTimes() =>
        Assert.Throws<JsonException>(() => Parse(JsonSerdes.JourneySegment, """{"sessionId":"s","primarySegment":"bounce"}"""));

    [Fact]
    public void NullIsATombstoneBothWays()
    {
        Assert.Null(JsonSerdes.UserProfile.Serialize(null!, Value));
        Assert.Null(JsonSerdes.JourneySegment.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, Value));
    }
}
