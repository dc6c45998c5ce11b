using System.Text.Json.Serialization;
using JourneyMapper.Serialization.Json;

namespace JourneyMapper.Serialization.Records;

/// <summary>
/// A customer's profile on the compacted <c>customer.profiles</c> topic, keyed by userId (schemas/UserProfile.avsc
/// is the same record). A tombstone (null value) deletes it.
/// </summary>
public sealed record UserProfile
{
    public required string UserId { get; init; }

    public Tier Tier { get; init; }

    public string? Persona { get; init; }

    /// <summary>Revenue to date; Avro carries it as decimal(12, 2), so at most two decimal places survive encoding.</summary>
    public decimal? LifetimeValue { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }

    /// <summary>Without it the customer's events are not sessionized.</summary>
    public bool AnalyticsConsent { get; init; }

    /// <summary>Routed triggers respect it.</summary>
    public bool MarketingConsent { get; init; }

    /// <summary>When the profile last changed, epoch milliseconds UTC (JSON also accepts an ISO-8601 string).</summary>
    [JsonConverter(typeof(EpochMillisJsonConverter))]
    public long UpdatedAt { get; init; }
}

/// <summary>
/// Loyalty tier. The values are the Avro enum's symbol positions; a symbol this build does not know (a newer
/// writer's) reads as <see cref="Unknown"/>, in Avro through the schema's enum default and in JSON likewise.
/// </summary>
[JsonConverter(typeof(TierJsonConverter))]
public enum Tier
{
    Unknown = 0,
    Standard = 1,
    Silver = 2,
    Gold = 3,
    Platinum = 4,
}
