using System.Collections.Frozen;

namespace JourneyMapper.Journeys.Classification.Internals;

/// <summary>
/// Positions of the features every session has (the summary features, then the per-type counts of the canonical event
/// types), fixed once when a rule is compiled. A features map that can be read by position (the sessionizer's own
/// view) then answers a rule without a lookup by name; any other map is still read by name.
/// </summary>
internal static class FeatureSlots
{
    public const int None = -1;

    private static readonly FrozenDictionary<string, int> Slots = FeatureNames.Summary
        .Concat(FeatureNames.CanonicalEventTypes.Select(FeatureNames.Count))
        .Select((name, slot) => KeyValuePair.Create(name, slot))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The first slot of the per-type counts, which follow <see cref="FeatureNames.CanonicalEventTypes"/>'s order.</summary>
    public static int FirstTypeCount => FeatureNames.Summary.Count;

    /// <summary>The feature's slot, or <see cref="None"/> for a feature only some sessions have (a count of an unknown type).</summary>
    public static int Of(string name) => Slots.GetValueOrDefault(name, None);
}

/// <summary>Features that can be read by <see cref="FeatureSlots"/> position.</summary>
internal interface IPositionalFeatures
{
    double Read(int slot);
}
