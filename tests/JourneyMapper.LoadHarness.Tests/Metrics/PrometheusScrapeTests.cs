using JourneyMapper.LoadHarness.Metrics;
using JourneyMapper.Streams;
using JourneyMapper.Worker.Observability;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Metrics;

/// <summary>What the service's own /metrics writer emits reads back as counters and histograms; the text format's corners.</summary>
public sealed class PrometheusScrapeTests
{
    private const string Consumed = "journeymapper_records_consumed_total";
    private const string StepLatency = "journeymapper_step_latency_seconds";

    [Fact]
    public void CountersOfTheServicesWriterSumOverTheMatchingLabelSets()
    {
        using var metrics = new StreamsMetrics();
        metrics.Counter(StreamsMetrics.RecordsConsumed, Tag(StreamsMetrics.TopicTag, "clicks"), Tag(StreamsMetrics.PartitionTag, "0")).Add(3);
        metrics.Counter(StreamsMetrics.RecordsConsumed, Tag(StreamsMetrics.TopicTag, "clicks"), Tag(StreamsMetrics.PartitionTag, "1")).Add(4);
        metrics.Counter(StreamsMetrics.RecordsConsumed, Tag(StreamsMetrics.TopicTag, "profiles"), Tag(StreamsMetrics.PartitionTag, "0")).Add(5);

        var scrape = PrometheusScrape.Parse(PrometheusTextFormat.Write(metrics.Collect()));

        Assert.Equal(12, scrape.Sum(Consumed));
        Assert.Equal(7, scrape.Sum(Consumed, ("topic", "clicks")));
        Assert.Equal(4, scrape.Sum(Consumed, ("topic", "clicks"), ("partition", "1")));
        Assert.Equal(0, scrape.Sum(Consumed, ("topic", "absent")));
        Assert.Equal(0, scrape.Sum("journeymapper_absent_total"));
        var samples = scrape.Samples(Consumed);
        Assert.Equal(3, samples.Count);
        Assert.Equal(new Dictionary<string, string> { ["partition"] = "0", ["topic"] = "clicks" }, samples[0].Labels);
        Assert.Equal(3, samples[0].Value);
    }

    [Fact]
    public void HistogramsOfTheServicesWriterMergeOverTheMatchingLabelSets()
    {
        using var metrics = new StreamsMetrics();
        var buckets = HistogramBuckets.Explicit(0.5, 1);
        var p = metrics.Histogram("step-latency-seconds", buckets, Tag(StreamsMetrics.ProcessorNodeIdTag, "p"));
        var q = metrics.Histogram("step-latency-seconds", buckets, Tag(StreamsMetrics.ProcessorNodeIdTag, "q"));
        foreach (var seconds in new[] { 0.25, 0.75, 0.75, 3 })
        {
            p.Record(seconds);
        }

        q.Record(0.125);

        var scrape = PrometheusScrape.Parse(PrometheusTextFormat.Write(metrics.Collect()));

        var ofP = scrape.Histogram(StepLatency, ("processor_node_id", "p"));
        Assert.Equal([0.5, 1, double.PositiveInfinity], ofP.UpperBounds);
        Assert.Equal([1, 3, 4], ofP.CumulativeCounts);
        Assert.Equal(4.75, ofP.Sum);
        Assert.Equal(4, ofP.Count);
        Assert.Equal(0.75, ofP.Quantile(0.5)); // rank 2, 1st of 2 in (0.5,1]: 0.5 + 0.5 × 1/2

        var all = scrape.Histogram(StepLatency);
        Assert.Equal([0.5, 1, double.PositiveInfinity], all.UpperBounds);
        Assert.Equal([2, 4, 5], all.CumulativeCounts);
        Assert.Equal(4.875, all.Sum);
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public void TwoScrapesOfTheSameInstanceGiveTheIntervalsObservations()
    {
        using var metrics = new StreamsMetrics();
        var histogram = metrics.Histogram("step-latency-seconds", HistogramBuckets.Explicit(0.5, 1), Tag(StreamsMetrics.ProcessorNodeIdTag, "p"));
        histogram.Record(0.25);
        var before = PrometheusScrape.Parse(PrometheusTextFormat.Write(metrics.Collect()));
        histogram.Record(0.75);
        histogram.Record(2);
        var after = PrometheusScrape.Parse(PrometheusTextFormat.Write(metrics.Collect()));

        var interval = after.Histogram(StepLatency).Minus(before.Histogram(StepLatency));

        Assert.Equal([0, 1, 2], interval.CumulativeCounts);
        Assert.Equal(2.75, interval.Sum);
        Assert.Equal(double.PositiveInfinity, interval.MaxUpperBound);
        Assert.Equal(1.0, interval.Quantile(0.5)); // rank 1, 1st of 1 in (0.5,1]
    }

    [Fact]
    public void EscapedLabelValuesOfTheServicesWriterReadBackAsTheyWere()
    {
        const string Odd = "a\"b\\c\nd,e=}f";
        using var metrics = new StreamsMetrics();
        metrics.Counter(StreamsMetrics.RecordsConsumed, Tag(StreamsMetrics.TopicTag, Odd)).Add(2);

        var scrape = PrometheusScrape.Parse(PrometheusTextFormat.Write(metrics.Collect()));

        Assert.Equal(Odd, Assert.Single(scrape.Samples(Consumed)).Labels["topic"]);
        Assert.Equal(2, scrape.Sum(Consumed, ("topic", Odd)));
    }

    [Fact]
    public void CommentsBlankLinesSpacingSpecialValuesAndTimestampsAreRead()
    {
        var scrape = PrometheusScrape.Parse(
            "# HELP x_total A counter\r\n" +
            "# TYPE x_total counter\r\n" +
            "# any other comment\n" +
            "\n" +
            "   \n" +
            "x_total{a=\"1\"} 2 1700000000000\n" +
            "x_total { a = \"2\" , b=\"\", } 1E-07\n" +
            "x_total\t3\t-5\n" +
            "g{v=\"inf\"} +Inf\n" +
            "g{v=\"-inf\"} -Inf\n" +
            "g{v=\"nan\"} NaN\n" +
            "h_bucket{le=\"0.5\"} 1\n" +
            "h_bucket{le=\"+Inf\"} 3\n" +
            "h_sum 4.5\n" +
            "h_count 3\n");

        Assert.Equal(2 + 1e-7 + 3, scrape.Sum("x_total"));
        Assert.Equal(1e-7, scrape.Sum("x_total", ("b", "")));
        Assert.Equal(2, scrape.Sum("x_total", ("a", "1")));
        Assert.Equal(double.PositiveInfinity, scrape.Sum("g", ("v", "inf")));
        Assert.Equal(double.NegativeInfinity, scrape.Sum("g", ("v", "-inf")));
        Assert.True(double.IsNaN(scrape.Sum("g", ("v", "nan"))));
        Assert.Empty(scrape.Samples("x_total")[2].Labels);
        var histogram = scrape.Histogram("h");
        Assert.Equal([0.5, double.PositiveInfinity], histogram.UpperBounds);
        Assert.Equal([1, 3], histogram.CumulativeCounts);
        Assert.Equal(0.5, histogram.Quantile(0.9));
        Assert.Equal(1.5, histogram.Mean);
    }

    [Fact]
    public void AnAbsentNameHasNoSamplesAndAnAbsentFamilyAnEmptyHistogram()
    {
        var scrape = PrometheusScrape.Parse("x_total 1\n");

        Assert.Empty(scrape.Samples("y_total"));
        var histogram = scrape.Histogram("h", ("a", "b"));
        Assert.Empty(histogram.UpperBounds);
        Assert.Equal(0, histogram.Count);
        Assert.Null(histogram.Quantile(0.99));
    }

    [Theory]
    [InlineData("x{a=\"1} 2", "not closed")]
    [InlineData("x{a=\"\\t\"} 2", "unknown escape")]
    [InlineData("x{a=\"1\" b=\"2\"} 2", "expected ',' or '}'")]
    [InlineData("x{a=\"1\",a=\"2\"} 2", "appears twice")]
    [InlineData("x{a 1", "expected '='")]
    [InlineData("x{1a=\"1\"} 2", "label name")]
    [InlineData("1x 2", "metric name")]
    [InlineData("x", "expected a value")]
    [InlineData("x 1 2 3", "expected a value")]
    [InlineData("x 1 soon", "expected a value")]
    [InlineData("x one", "'one' is not a number")]
    public void AMalformedSampleLineIsRefusedWithItsLineNumber(string line, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusScrape.Parse("# TYPE x counter\nok 1\n" + line + "\n"));

        Assert.StartsWith("line 3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith(line, error.Message, StringComparison.Ordinal);
    }

    private static MetricTag Tag(string key, string value) => new(key, value);
}
