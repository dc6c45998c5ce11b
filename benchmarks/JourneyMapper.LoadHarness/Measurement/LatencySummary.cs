using JourneyMapper.LoadHarness.Metrics;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>
/// Latencies in milliseconds over the measured window, from the service's histograms (buckets doubling from 0.1 ms):
/// quantiles interpolated inside their bucket as Prometheus' <c>histogram_quantile</c> does, and the maximum as the upper
/// bound of the highest bucket hit.
/// </summary>
public sealed record LatencySummary(long Count, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxAtMostMs, double? MeanMs)
{
    public static LatencySummary Of(LatencyHistogram window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new LatencySummary(
            (long)window.Count,
            Ms(window.Quantile(0.50)),
            Ms(window.Quantile(0.95)),
            Ms(window.Quantile(0.99)),
            Ms(window.MaxUpperBound),
            Ms(window.Mean));
    }

    private static double? Ms(double? seconds) => seconds * 1000;
}
