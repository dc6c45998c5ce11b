using System.Collections.Frozen;
using System.Text;
using JourneyMapper.Journeys.Classification;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>The canonical event types of SPEC.md by position, so that a session counts them in a flat array.</summary>
internal static class EventTypes
{
    public static readonly IReadOnlyList<string> Canonical = FeatureNames.CanonicalEventTypes;

    /// <summary>How many canonical types there are: a constant, because sessions hold their counts inline.</summary>
    public const int Count = 13;

    private static readonly FrozenDictionary<string, int> Positions = Canonical.Count == Count
        ? Canonical.Select((type, index) => KeyValuePair.Create(type, index)).ToFrozenDictionary(StringComparer.Ordinal)
        : throw new InvalidOperationException($"{Canonical.Count} canonical event types, but EventTypes.Count says {Count}: update it (and the session changelog's version)");

    public static readonly int ProductView = IndexOf("product_view");

    // Encoded once for the process: every segment and provisional update writes its path in UTF-8.
    private static readonly byte[][] CanonicalUtf8 = [.. Canonical.Select(Encoding.UTF8.GetBytes)];

    public static int IndexOf(string eventType) => Positions.GetValueOrDefault(eventType, -1);

    /// <summary>The UTF-8 of the canonical type at <paramref name="index"/>.</summary>
    public static ReadOnlySpan<byte> Utf8Of(int index) => CanonicalUtf8[index];
}
