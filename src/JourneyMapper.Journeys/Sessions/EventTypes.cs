using System.Collections.Frozen;
using JourneyMapper.Journeys.Classification;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>The canonical event types of SPEC.md by position, so that a session counts them in a flat array.</summary>
internal static class EventTypes
{
    public static readonly IReadOnlyList<string> Canonical = FeatureNames.CanonicalEventTypes;

    private static readonly FrozenDictionary<string, int> Positions =
        Canonical.Select((type, index) => KeyValuePair.Create(type, index)).ToFrozenDictionary(StringComparer.Ordinal);

    public static int Count => Canonical.Count;

    public static readonly int ProductView = IndexOf("product_view");

    public static int IndexOf(string eventType) => Positions.GetValueOrDefault(eventType, -1);
}
