using System.Diagnostics.Metrics;
using JourneyMapper.Streams.Processors;
using Xunit;

namespace JourneyMapper.Streams.Tests;

/// <summary>The registry: series by name and tags, gauges that come and go, snapshots, and the meter OpenTelemetry reads.</summary>
public sealed class StreamsMetricsTests
{
    [Fact]
    public void TheSameNameAndTagsInAnyOrderShareOneCounter()
    {
        using var metrics = new StreamsMetrics();
        var a = metrics.Counter("c-total", new MetricTag("x", "1"), new MetricTag("y", "2"));
        var b = metrics.Counter("c-total", new MetricTag("y", "2"), new MetricTag("x", "1"));
        var other = metrics.Counter("c-total", new MetricTag("x", "2"), new MetricTag("y", "2"));

        a.Increment();
        b.Add(2);
        other.Increment();

        Assert.Equal(3, a.Value);
        Assert.Equal(3, metrics.Get("c-total", "1"));
        Assert.Equal(4, metrics.Get("c-total"));
    }

    [Fact]
    public void CollectSortsFamiliesByNameAndSeriesByTags()
    {
        using var metrics = new StreamsMetrics();
        metrics.Describe("b-total", "the b count");
        metrics.Counter("b-total", new MetricTag("topic", "t2")).Add(5);
        metrics.Counter("b-total", new MetricTag("topic", "t1")).Add(7);
        metrics.Gauge("a", () => 1.5);

        var families = metrics.Collect().Where(family => family.Name is "a" or "b-total").ToList();

        Assert.Equal(["a", "b-total"], families.Select(family => family.Name));
        Assert.Equal(MetricType.Gauge, families[0].Type);
        Assert.Equal(1.5, Assert.Single(families[0].Series).Value);
        Assert.Equal("the b count", families[1].Description);
        Assert.Equal(
            [([new MetricTag("topic", "t1")], 7.0), ([new MetricTag("topic", "t2")], 5.0)],
            families[1].Series.Select(series => (series.Tags.ToArray(), series.Value)).ToArray());
    }

    [Fact]
    public void ARuntimeDescribesItsOwnMetricsButListsOnlyThoseWithSeries()
    {
        using var metrics = new StreamsMetrics();

        Assert.Empty(metrics.Collect());

        metrics.Histogram(StreamsMetrics.CommitLatency, new MetricTag(StreamsMetrics.ThreadIdTag, "t-1"));
        var family = Assert.Single(metrics.Collect());
        Assert.Equal(MetricType.Histogram, family.Type);
        Assert.Equal("s", family.Unit);
        Assert.False(string.IsNullOrEmpty(family.Description));
    }

    [Fact]
    public void ACallbackGaugeIsReadAtCollectionAndGoesWhenDisposed()
    {
        using var metrics = new StreamsMetrics();
        var value = 3;
        var registration = metrics.Gauge("open", () => value, new MetricTag("task-id", "0_1"));

        value = 4;
        Assert.Equal(4, metrics.Get("open", "0_1"));

        registration.Dispose();
        Assert.Equal(0, metrics.Get("open"));
        Assert.Empty(metrics.Collect());
    }

    [Fact]
    public void AGaugeRegisteredAgainReplacesTheOldOneWhichThenCannotRemoveIt()
    {
        using var metrics = new StreamsMetrics();
        var old = metrics.Gauge("open", () => 1, new MetricTag("task-id", "0_1"));
        using var current = metrics.Gauge("open", () => 2, new MetricTag("task-id", "0_1"));

        old.Dispose();

        Assert.Equal(2, metrics.Get("open"));
    }

    [Fact]
    public void ASettableGaugeIsSharedByNameAndTagsAndRemovedWhenDisposed()
    {
        using var metrics = new StreamsMetrics();
        var first = metrics.Gauge("remaining", new MetricTag("store", "s"));
        var second = metrics.Gauge("remaining", new MetricTag("store", "s"));

        first.Add(10);
        second.Add(-3);
        Assert.Same(first, second);
        Assert.Equal(7, metrics.Get("remaining", "s"));

        first.Set(1);
        Assert.Equal(1, metrics.Get("remaining"));

        first.Dispose();
        Assert.Empty(metrics.Collect());
    }

    [Fact]
    public void ANameHasOneType()
    {
        using var metrics = new StreamsMetrics();
        metrics.Counter("x");

        Assert.Throws<InvalidOperationException>(() => metrics.Histogram("x"));
        Assert.Throws<InvalidOperationException>(() => metrics.Gauge("x", () => 1));
    }

    [Fact]
    public void AFailingGaugeIsLeftOutOfTheCollection()
    {
        using var metrics = new StreamsMetrics();
        using var failing = metrics.Gauge("g", () => throw new ObjectDisposedException("store"), new MetricTag("task-id", "0_0"));
        using var fine = metrics.Gauge("g", () => 2, new MetricTag("task-id", "0_1"));

        var series = Assert.Single(Assert.Single(metrics.Collect()).Series);
        Assert.Equal(2, series.Value);
    }

    [Fact]
    public void TheMeterPublishesCountersGaugesAndHistogramsWithTheirTags()
    {
        using var metrics = new StreamsMetrics();
        metrics.Counter(StreamsMetrics.RecordsConsumed, new MetricTag(StreamsMetrics.TopicTag, "in")).Add(3);
        using var gauge = metrics.Gauge("open", () => 2.5, new MetricTag("task-id", "0_0"));
        var histogram = metrics.Histogram("latency-seconds", HistogramBuckets.Explicit(1, 2), new MetricTag("processor-node-id", "p"));
        var seen = new List<(string Instrument, double Value, string Tags)>();
        var advice = new List<IReadOnlyList<double>?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this registry's meter: other tests run in parallel with meters of the same name.
            if (instrument.Meter.Name == StreamsMetrics.MeterName && instrument.Name is StreamsMetrics.RecordsConsumed or "open" or "latency-seconds")
            {
                if (instrument is Histogram<double> published)
                {
                    advice.Add(published.Advice?.HistogramBucketBoundaries);
                }

                l.EnableMeasurementEvents(instrument);
            }
        };
        void Seen(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (seen)
            {
                seen.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}"))));
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Seen(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Seen(instrument, value, tags));
        listener.Start();

        histogram.Record(1.5);
        listener.RecordObservableInstruments();

        Assert.Contains((StreamsMetrics.RecordsConsumed, 3.0, "topic=in"), seen);
        Assert.Contains(("open", 2.5, "task-id=0_0"), seen);
        Assert.Contains(("latency-seconds", 1.5, "processor-node-id=p"), seen);
        Assert.Contains(advice, bounds => bounds is not null && bounds.SequenceEqual([1.0, 2]));
    }
}
