using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.Tests.Records;

/// <summary>Records with every field set, records with every optional field null, and their generic twins.</summary>
internal static class RecordSamples
{
    public static ClickEvent FullClickEvent() => new()
    {
        EventId = "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11",
        Timestamp = 1_732_270_000_123,
        EventType = "product_view",
        UserId = "user-48213",
        AnonymousId = "anon-77",
        Channel = "web",
        ProductId = "sku-100234",
        PageUrl = "https://shop.example.com/p/sku-100234",
        Referrer = "https://www.example.org/",
        Campaign = "black-friday",
        DeviceId = "dev-9f3e",
        IpAddress = "203.0.113.7",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0",
        Properties = new Dictionary<string, string> { ["currency"] = "EUR", ["price"] = "49.90", ["note"] = "crème brûlée ☕" },
    };

    /// <summary>Only what the Avro schema requires.</summary>
    public static ClickEvent MinimalClickEvent() => new()
    {
        EventId = "e-1",
        Timestamp = -1,
        EventType = "page_view",
    };

    /// <summary>The event of TestSchemas.TypicalClickEvent in the Avro tests: about 200 bytes encoded.</summary>
    public static ClickEvent TypicalClickEvent() => new()
    {
        EventId = "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11",
        Timestamp = 1_732_270_000_123,
        EventType = "product_view",
        UserId = "user-48213",
        Channel = "web",
        ProductId = "sku-100234",
        PageUrl = "https://shop.example.com/p/sku-100234",
        Referrer = "https://www.example.org/",
        DeviceId = "dev-9f3e",
        Properties = new Dictionary<string, string> { ["currency"] = "EUR", ["price"] = "49.90" },
    };

    public static UserProfile FullUserProfile() => new()
    {
        UserId = "user-48213",
        Tier = Tier.Gold,
        Persona = "bargain-hunter",
        LifetimeValue = 1234567890.12m,
        Country = "DE",
        AnalyticsConsent = true,
        MarketingConsent = true,
        UpdatedAt = 1_732_270_000_123,
    };

    public static UserProfile MinimalUserProfile() => new()
    {
        UserId = "user-1",
        UpdatedAt = 0,
    };

    public static JourneySegment FullJourneySegment() => new()
    {
        SessionId = "user-48213@1732270000123",
        UserId = "user-48213",
        AnonymousId = "anon-77",
        Start = 1_732_270_000_123,
        End = 1_732_271_800_000,
        EventCount = 5,
        EventIds = ["e-1", "e-2", "e-3", "e-4", "e-5"],
        Truncated = true,
        Path = ["page_view", "product_view", "product_view", "add_to_cart", "checkout_start"],
        Features = new Dictionary<string, double> { ["product_view.count"] = 2, ["duration.minutes"] = 29.995, ["cart.value"] = -0.5 },
        PrimarySegment = "checkout-abandonment",
        Segments = [new SegmentMatch("checkout-abandonment", "checkout-started-no-purchase"), new SegmentMatch("high-intent-buyer", "same-product-viewed-twice")],
        Profile = new ProfileSnapshot { Tier = "GOLD", Persona = "loyal", LifetimeValue = 1234.5, Country = "DE", MarketingConsent = true },
        Revision = 3,
        ClosedBy = ClosedBy.MaxDuration,
    };

    public static JourneySegment MinimalJourneySegment() => new()
    {
        SessionId = "s-1",
        Start = 10,
        End = 10,
        PrimarySegment = "bounce",
    };

    public static GenericRecord ToGeneric(ClickEvent value)
    {
        var record = new GenericRecord((RecordSchema)RecordSchemas.ClickEvent);
        record["eventId"] = value.EventId;
        // Beyond DateTimeOffset's range only the underlying long can stand for the instant.
        record["timestamp"] = value.Timestamp is { } millis
            ? millis is >= -62_135_596_800_000 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : millis
            : null;
        record["eventType"] = value.EventType;
        record["userId"] = value.UserId;
        record["anonymousId"] = value.AnonymousId;
        record["channel"] = value.Channel;
        record["productId"] = value.ProductId;
        record["pageUrl"] = value.PageUrl;
        record["referrer"] = value.Referrer;
        record["campaign"] = value.Campaign;
        record["deviceId"] = value.DeviceId;
        record["ipAddress"] = value.IpAddress;
        record["userAgent"] = value.UserAgent;
        record["properties"] = value.Properties?.ToDictionary(entry => entry.Key, object? (entry) => entry.Value);
        return record;
    }

    public static GenericRecord ToGeneric(UserProfile value)
    {
        var schema = (RecordSchema)RecordSchemas.UserProfile;
        var record = new GenericRecord(schema);
        record["userId"] = value.UserId;
        record["tier"] = GenericEnum.Of((EnumSchema)schema.GetField("tier")!.Schema, value.Tier.ToString().ToUpperInvariant());
        record["persona"] = value.Persona;
        record["lifetimeValue"] = value.LifetimeValue is { } money ? AvroDecimal.FromDecimal(money) : null;
        record["country"] = value.Country;
        record["analyticsConsent"] = value.AnalyticsConsent;
        record["marketingConsent"] = value.MarketingConsent;
        record["updatedAt"] = DateTimeOffset.FromUnixTimeMilliseconds(value.UpdatedAt);
        return record;
    }

    public static GenericRecord ToGeneric(JourneySegment value)
    {
        var schema = (RecordSchema)RecordSchemas.JourneySegment;
        var segmentSchema = (RecordSchema)((ArraySchema)schema.GetField("segments")!.Schema).Items;
        var profileSchema = (RecordSchema)((UnionSchema)schema.GetField("profile")!.Schema).Branches[1];
        var closedBySchema = (EnumSchema)((UnionSchema)schema.GetField("closedBy")!.Schema).Branches[1];
        var record = new GenericRecord(schema);
        record["sessionId"] = value.SessionId;
        record["userId"] = value.UserId;
        record["anonymousId"] = value.AnonymousId;
        record["start"] = DateTimeOffset.FromUnixTimeMilliseconds(value.Start);
        record["end"] = DateTimeOffset.FromUnixTimeMilliseconds(value.End);
        record["eventCount"] = value.EventCount;
        record["eventIds"] = value.EventIds.Select(object? (id) => id).ToList();
        record["truncated"] = value.Truncated;
        record["path"] = value.Path.Select(object? (step) => step).ToList();
        record["features"] = value.Features.ToDictionary(entry => entry.Key, object? (entry) => entry.Value);
        record["primarySegment"] = value.PrimarySegment;
        record["segments"] = value.Segments.Select(object? (match) =>
        {
            var generic = new GenericRecord(segmentSchema);
            generic["label"] = match.Label;
            generic["rule"] = match.Rule;
            return generic;
        }).ToList();
        if (value.Profile is { } profile)
        {
            var generic = new GenericRecord(profileSchema);
            generic["tier"] = profile.Tier;
            generic["persona"] = profile.Persona;
            generic["lifetimeValue"] = profile.LifetimeValue;
            generic["country"] = profile.Country;
            generic["marketingConsent"] = profile.MarketingConsent;
            record["profile"] = generic;
        }

        record["revision"] = value.Revision;
        record["closedBy"] = value.ClosedBy switch
        {
            null => null,
            ClosedBy.MaxDuration => GenericEnum.Of(closedBySchema, "MAX_DURATION"),
            ClosedBy.IdleTimeout => GenericEnum.Of(closedBySchema, "IDLE_TIMEOUT"),
            var reason => GenericEnum.Of(closedBySchema, reason.Value.ToString().ToUpperInvariant()),
        };
        return record;
    }
}
