using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Enrichment;

/// <summary>The profile fields a segment carries: what rules and downstream consumers need, no more.</summary>
public static class ProfileSnapshots
{
    public static ProfileSnapshot? From(UserProfile? profile) => profile is null
        ? null
        : new ProfileSnapshot
        {
            Tier = profile.Tier.ToString().ToLowerInvariant(),
            Persona = profile.Persona,
            LifetimeValue = profile.LifetimeValue is { } value ? (double)value : null,
            Country = profile.Country,
            MarketingConsent = profile.MarketingConsent,
        };
}
