using JourneyMapper.Journeys.Classification;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Tests.Classification;

/// <summary>
/// Builds a session's features from its events the way FeatureNames defines them, so that tests read as clickstreams
/// ("viewed p1 three times") rather than as feature tables.
/// </summary>
internal sealed class TestSession
{
    private static readonly string[] FunnelFromLast = ["purchase", "checkout_start", "add_to_cart", "product_view"];

    private readonly List<(string Type, string? Product, string? Page, double Minute)> _events = [];
    private double _minute;

    public ProfileSnapshot? Profile { get; set; }

    /// <summary>The next event, <paramref name="afterMinutes"/> after the previous one.</summary>
    public TestSession Add(string type, string? product = null, string? page = null, double afterMinutes = 1)
    {
        _minute += _events.Count == 0 ? 0 : afterMinutes;
        _events.Add((type, product, page, _minute));
        return this;
    }

    public TestSession Add(int times, string type, string? product = null, string? page = null, double afterMinutes = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Add(type, product, page, afterMinutes);
        }

        return this;
    }

    public TestSession View(string product, int times = 1) => Add(times, "product_view", product, $"/p/{product}");

    public SessionFeatures Features() => new(Values(), Profile);

    public Dictionary<string, double> Values()
    {
        var duration = _events.Count == 0 ? 0 : _events[^1].Minute - _events[0].Minute;
        var counts = _events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => (double)g.Count());
        var values = new Dictionary<string, double>
        {
            [FeatureNames.EventCount] = _events.Count,
            [FeatureNames.DurationMinutes] = duration,
            [FeatureNames.EventsPerMinute] = _events.Count / Math.Max(duration, 1),
            [FeatureNames.DistinctEventTypes] = counts.Count,
            [FeatureNames.DistinctProducts] = _events.Where(e => e.Type == "product_view" && e.Product is not null).Select(e => e.Product).Distinct().Count(),
            [FeatureNames.MaxProductViews] = _events.Where(e => e.Type == "product_view" && e.Product is not null)
                .GroupBy(e => e.Product).Select(g => g.Count()).DefaultIfEmpty(0).Max(),
            [FeatureNames.MaxPageRepeats] = _events.Where(e => e.Page is not null).GroupBy(e => e.Page).Select(g => g.Count()).DefaultIfEmpty(0).Max(),
            [FeatureNames.FunnelStep] = FunnelFromLast.Select((type, index) => counts.ContainsKey(type) ? 4 - index : 0).Max(),
            [FeatureNames.OtherCount] = counts.Where(c => !FeatureNames.CanonicalEventTypes.Contains(c.Key)).Sum(c => c.Value),
        };
        foreach (var type in FeatureNames.CanonicalEventTypes)
        {
            values[FeatureNames.Count(type)] = counts.GetValueOrDefault(type);
        }

        foreach (var (type, count) in counts.Where(c => !FeatureNames.CanonicalEventTypes.Contains(c.Key)))
        {
            values[FeatureNames.Count(type)] = count;
        }

        return values;
    }
}
