using System.Collections;
using System.Diagnostics.CodeAnalysis;
using JourneyMapper.Journeys.Classification;
using JourneyMapper.Journeys.Classification.Internals;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// A session's features (<see cref="FeatureNames"/>) computed on read: classifying an open session on every event
/// then costs no dictionary per event. Only the features a rule used are copied out into the segment.
/// </summary>
internal sealed class SessionFeatureView : IReadOnlyDictionary<string, double>, IPositionalFeatures
{
    /// <summary>Settable, so that one view serves every session a processor classifies.</summary>
    public JourneySession Session { get; set; } = new();

    private const string CountSuffix = FeatureNames.CountSuffix;

    private static readonly string[] SummaryNames = [.. FeatureNames.Summary];

    // The summary features by slot (FeatureSlots numbers them first, in FeatureNames.Summary's order), resolved once
    // so that reading one is a jump, not a comparison of names.
    private static readonly Summary[] SummaryBySlot = [.. SummaryNames.Select(name => name switch
    {
        FeatureNames.EventCount => Summary.EventCount,
        FeatureNames.DurationMinutes => Summary.DurationMinutes,
        FeatureNames.EventsPerMinute => Summary.EventsPerMinute,
        FeatureNames.DistinctEventTypes => Summary.DistinctEventTypes,
        FeatureNames.DistinctProducts => Summary.DistinctProducts,
        FeatureNames.MaxProductViews => Summary.MaxProductViews,
        FeatureNames.MaxPageRepeats => Summary.MaxPageRepeats,
        FeatureNames.FunnelStep => Summary.FunnelStep,
        FeatureNames.OtherCount => Summary.OtherCount,
        _ => throw new InvalidOperationException($"summary feature '{name}' has no reading here"),
    })];

    // The funnel, furthest step first: product_view -> add_to_cart -> checkout_start -> purchase.
    private static readonly int[] FunnelFromLast =
        [EventTypes.IndexOf("purchase"), EventTypes.IndexOf("checkout_start"), EventTypes.IndexOf("add_to_cart"), EventTypes.ProductView];

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<double> Values => this.Select(pair => pair.Value);

    public int Count => SummaryNames.Length + EventTypes.Count + Session.OtherTypes.Count;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var slot = FeatureSlots.Of(key);
        if (slot != FeatureSlots.None)
        {
            value = Read(slot);
            return true;
        }

        if (key.EndsWith(CountSuffix, StringComparison.Ordinal))
        {
            value = OtherTypeCount(key.AsSpan(0, key.Length - CountSuffix.Length));
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The features every session has, by position: what rules read, once per rule and event.</summary>
    public double Read(int slot)
    {
        if (slot >= FeatureSlots.FirstTypeCount)
        {
            return Session.TypeCounts[slot - FeatureSlots.FirstTypeCount];
        }

        return SummaryBySlot[slot] switch
        {
            Summary.EventCount => Session.EventCount,
            Summary.DurationMinutes => DurationMinutes,
            Summary.EventsPerMinute => Session.EventCount / Math.Max(DurationMinutes, 1),
            Summary.DistinctEventTypes => DistinctEventTypes,
            Summary.DistinctProducts => Session.ProductViews.Count,
            Summary.MaxProductViews => Session.ProductViews.Max,
            Summary.MaxPageRepeats => Session.PageHits.Max,
            Summary.FunnelStep => FunnelStep,
            _ => Session.TypeCounts[EventTypes.Count], // OtherCount: the count after the canonical types
        };
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        foreach (var name in SummaryNames)
        {
            yield return KeyValuePair.Create(name, this[name]);
        }

        for (var i = 0; i < EventTypes.Count; i++)
        {
            yield return KeyValuePair.Create(FeatureNames.Count(EventTypes.Canonical[i]), (double)Session.TypeCounts[i]);
        }

        foreach (var (type, count) in Session.OtherTypes.Items.ToArray())
        {
            yield return KeyValuePair.Create(FeatureNames.Count(type), (double)count);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Counts of event types outside the canonical list, looked up without cutting the name out of its feature.
    private int OtherTypeCount(ReadOnlySpan<char> type)
    {
        foreach (var (name, count) in Session.OtherTypes.Items)
        {
            if (type.SequenceEqual(name))
            {
                return count;
            }
        }

        return 0;
    }

    private double DurationMinutes => (Session.End - Session.Start) / 60_000.0;

    private int DistinctEventTypes
    {
        get
        {
            var distinct = Session.OtherTypes.Count;
            for (var i = 0; i < EventTypes.Count; i++)
            {
                distinct += Session.TypeCounts[i] > 0 ? 1 : 0;
            }

            return distinct;
        }
    }

    private int FunnelStep
    {
        get
        {
            for (var i = 0; i < FunnelFromLast.Length; i++)
            {
                if (Session.TypeCounts[FunnelFromLast[i]] > 0)
                {
                    return FunnelFromLast.Length - i;
                }
            }

            return 0;
        }
    }

    private enum Summary
    {
        EventCount,
        DurationMinutes,
        EventsPerMinute,
        DistinctEventTypes,
        DistinctProducts,
        MaxProductViews,
        MaxPageRepeats,
        FunnelStep,
        OtherCount,
    }
}
