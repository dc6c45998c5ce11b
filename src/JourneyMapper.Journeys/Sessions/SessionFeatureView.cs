using System.Collections;
using System.Diagnostics.CodeAnalysis;
using JourneyMapper.Journeys.Classification;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// A session's features (<see cref="FeatureNames"/>) computed on read: classifying an open session on every event
/// then costs no dictionary per event. Only the features a rule used are copied out into the segment.
/// </summary>
internal sealed class SessionFeatureView : IReadOnlyDictionary<string, double>
{
    /// <summary>Settable, so that one view serves every session a processor classifies.</summary>
    public JourneySession Session { get; set; } = new();

    private const string CountSuffix = ".count";
    private const string OtherCount = "other.count";

    private static readonly string[] SummaryNames =
    [
        FeatureNames.EventCount, FeatureNames.DurationMinutes, FeatureNames.EventsPerMinute, FeatureNames.DistinctEventTypes,
        FeatureNames.DistinctProducts, FeatureNames.MaxProductViews, FeatureNames.MaxPageRepeats, FeatureNames.FunnelStep, OtherCount,
    ];

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
        value = key switch
        {
            FeatureNames.EventCount => Session.EventCount,
            FeatureNames.DurationMinutes => DurationMinutes,
            FeatureNames.EventsPerMinute => Session.EventCount / Math.Max(DurationMinutes, 1),
            FeatureNames.DistinctEventTypes => DistinctEventTypes,
            FeatureNames.DistinctProducts => Session.ProductViews.Count,
            FeatureNames.MaxProductViews => Session.ProductViews.Max,
            FeatureNames.MaxPageRepeats => Session.PageHits.Max,
            FeatureNames.FunnelStep => FunnelStep,
            OtherCount => Session.TypeCounts[EventTypes.Count],
            _ => double.NaN,
        };

        if (!double.IsNaN(value))
        {
            return true;
        }

        if (key.EndsWith(CountSuffix, StringComparison.Ordinal))
        {
            var type = key[..^CountSuffix.Length];
            var index = EventTypes.IndexOf(type);
            value = index >= 0 ? Session.TypeCounts[index] : Session.OtherTypes.Get(type);
            return true;
        }

        value = 0;
        return false;
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
}
