using System.Collections.Frozen;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Enrichment;

/// <summary>The profile fields a segment carries: what rules and downstream consumers need, no more.</summary>
public static class ProfileSnapshots
{
    // Rules read the profile on every event of a known customer: the tier's text is made once per tier, not per event.
    private static readonly FrozenDictionary<Tier, string> TierNames =
        Enum.GetValues<Tier>().ToFrozenDictionary(tier => tier, tier => tier.ToString().ToLowerInvariant());

    public static ProfileSnapshot? From(UserProfile? profile) => profile is null
        ? null
        : new ProfileSnapshot
        {
            Tier = TierName(profile.Tier),
            Persona = profile.Persona,
            LifetimeValue = profile.LifetimeValue is { } value ? (double)value : null,
            Country = profile.Country,
            MarketingConsent = profile.MarketingConsent,
        };

    private static string TierName(Tier tier) => TierNames.TryGetValue(tier, out var name) ? name : tier.ToString().ToLowerInvariant();
}
