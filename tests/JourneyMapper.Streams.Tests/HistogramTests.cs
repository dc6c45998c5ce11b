using JourneyMapper.Streams.Processors;
using Xunit;

namespace JourneyMapper.Streams.Tests;

/// <summary>Bucket bounds and placement (Prometheus' inclusive <c>le</c>), sums, and lock-free recording under contention.</summary>
public sealed class HistogramTests
{
    [Fact]
    public void LatencyBucketsDoubleFrom100MicrosecondsToAbout52Seconds()
    {
        Assert.Equal(
            [0.0001, 0.0002, 0.0004, 0.0008, 0.0016, 0.0032, 0.0064, 0.0128, 0.0256, 0.0512, 0.1024, 0.2048, 0.4096, 0.8192, 1.6384, 3.2768, 6.5536, 13.1072, 26.2144, 52.4288],
            HistogramBuckets.LatencySeconds.UpperBounds);
    }

    [Fact]
    public void ExponentialBoundsAreStartTimesPowersOfTheFactor()
    {
        Assert.Equal([1.0, 10, 100, 1000], HistogramBuckets.Exponential(1, 10, 4).UpperBounds);
        Assert.Equal([0.5, 1.5, 4.5], HistogramBuckets.Exponential(0.5, 3, 3).UpperBounds);
    }

    [Theory]
    [InlineData(-1.0, 0)]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 0)] // a bound belongs to its own bucket: le is "less than or equal"
    [InlineData(1.0000001, 1)]
    [InlineData(2.0, 1)]
    [InlineData(3.0, 2)]
    [InlineData(4.0, 2)]
    [InlineData(4.0000001, 3)] // above the last bound: the overflow bucket (+Inf)
    [InlineData(double.PositiveInfinity, 3)]
    public void AValueFallsInTheFirstBucketWhoseBoundIsAtLeastTheValue(double value, int bucket)
    {
        Assert.Equal(bucket, HistogramBuckets.Exponential(1, 2, 3).IndexOf(value));
    }

    [Theory]
    [InlineData(0, 2, 3)]
    [InlineData(-1, 2, 3)]
    [InlineData(1, 1, 3)]
    [InlineData(1, 2, 0)]
    [InlineData(double.NaN, 2, 3)]
    public void ExponentialRejectsBoundsThatCannotAscend(double start, double factor, int count)
    {
        Assert.ThrowsAny<ArgumentException>(() => HistogramBuckets.Exponential(start, factor, count));
    }

    [Fact]
    public void ExplicitBoundsMustAscendStrictly()
    {
        Assert.Equal([1.0, 5, 10], HistogramBuckets.Explicit(1, 5, 10).UpperBounds);
        Assert.Throws<ArgumentException>(() => HistogramBuckets.Explicit(1, 1));
        Assert.Throws<ArgumentException>(() => HistogramBuckets.Explicit(2, 1));
        Assert.Throws<ArgumentException>(() => HistogramBuckets.Explicit(1, double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => HistogramBuckets.Explicit());
    }

    [Fact]
    public void RecordingCountsPerBucketAndSums()
    {
        using var metrics = new StreamsMetrics();
        var histogram = metrics.Histogram("h", HistogramBuckets.Explicit(1, 2, 4));

        foreach (var value in new[] { 0.5, 1, 1.5, 3, 3, 10, double.NaN })
        {
            histogram.Record(value);
        }

        var snapshot = histogram.Snapshot();
        Assert.Equal([2L, 1, 2, 1], snapshot.BucketCounts);
        Assert.Equal(6, snapshot.Count);
        Assert.Equal(6, histogram.Count);
        Assert.Equal(19.0, snapshot.Sum);
        Assert.Equal([1.0, 2, 4], snapshot.UpperBounds);
    }

    [Fact]
    public void RecordSinceMeasuresSecondsOnTheStopwatch()
    {
        using var metrics = new StreamsMetrics();
        var histogram = metrics.Histogram("latency-seconds");
        var started = System.Diagnostics.Stopwatch.GetTimestamp() - System.Diagnostics.Stopwatch.Frequency / 100; // 10 ms ago

        histogram.RecordSince(started);

        Assert.Equal(1, histogram.Count);
        Assert.InRange(histogram.Sum, 0.01, 5);
    }

    [Fact]
    public void ConcurrentRecordingLosesNothing()
    {
        using var metrics = new StreamsMetrics();
        var histogram = metrics.Histogram("h", HistogramBuckets.Explicit(1, 2));
        const int PerThread = 100_000;

        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                histogram.Record(thread); // 0, 1, 2, 3: two in the first bucket, one each in the others
            }
        });

        Assert.Equal([2L * PerThread, PerThread, PerThread], histogram.Snapshot().BucketCounts);
        Assert.Equal(6.0 * PerThread, histogram.Sum);
    }

    [Fact]
    public void AHistogramNameKeepsTheBucketsItWasFirstCreatedWith()
    {
        using var metrics = new StreamsMetrics();
        var first = metrics.Histogram("h", HistogramBuckets.Explicit(1, 2), new MetricTag("a", "1"));
        var second = metrics.Histogram("h", HistogramBuckets.Explicit(5), new MetricTag("a", "2"));

        Assert.Equal([1.0, 2], first.Snapshot().UpperBounds);
        Assert.Equal([1.0, 2], second.Snapshot().UpperBounds);
    }
}
