using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JourneyMapper.Streams.Processors;

/// <summary>
/// Observations (e.g. latencies in seconds) counted in fixed buckets, with their sum: one search and two interlocked
/// updates per observation, safe from any number of threads. Resolve once (in <c>Init</c>) and keep.
/// </summary>
public sealed class MetricHistogram
{
    private readonly HistogramBuckets _buckets;
    private readonly long[] _counts;
    private readonly Histogram<double>? _instrument;
    private readonly KeyValuePair<string, object?>[] _tags;
    private double _sum;

    internal MetricHistogram(HistogramBuckets buckets, Histogram<double>? instrument, KeyValuePair<string, object?>[] tags)
    {
        _buckets = buckets;
        _counts = new long[buckets.Count + 1];
        _instrument = instrument;
        _tags = tags;
    }

    public long Count
    {
        get
        {
            var total = 0L;
            for (var i = 0; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    public double Sum => Volatile.Read(ref _sum);

    /// <summary>Counts <paramref name="value"/> in its bucket; NaN is ignored.</summary>
    public void Record(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        Interlocked.Increment(ref _counts[_buckets.IndexOf(value)]);
        var seen = Volatile.Read(ref _sum);
        while (true)
        {
            var actual = Interlocked.CompareExchange(ref _sum, seen + value, seen);
            if (actual.Equals(seen))
            {
                break;
            }

            seen = actual;
        }

        // Only while a listener (OpenTelemetry's MeterProvider) subscribes to the meter.
        if (_instrument is { Enabled: true } instrument)
        {
            instrument.Record(value, _tags);
        }
    }

    /// <summary>Records the seconds elapsed since <paramref name="stopwatchTimestamp"/>, a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public void RecordSince(long stopwatchTimestamp) => Record(Stopwatch.GetElapsedTime(stopwatchTimestamp).TotalSeconds);

    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
        }

        return new HistogramSnapshot(_buckets.UpperBounds, counts, Sum);
    }
}
