using JourneyMapper.Streams;
using JourneyMapper.Worker.Observability;
using Xunit;

namespace JourneyMapper.Worker.Tests.Observability;

/// <summary>The exposition format 0.0.4, byte for byte: names, help, types, labels and their escaping, histograms.</summary>
public sealed class PrometheusTextFormatTests
{
    [Fact]
    public void CountersAndGaugesWriteHelpTypeAndOneLinePerSeries()
    {
        var text = PrometheusTextFormat.Write(
        [
            new MetricFamilySnapshot("records-consumed-total", MetricType.Counter, "Records read", null,
            [
                new MetricSeriesSnapshot([new MetricTag("topic", "clickstream.events")], 42),
                new MetricSeriesSnapshot([new MetricTag("topic", "customer.profiles")], 0),
            ]),
            new MetricFamilySnapshot("sessions-open", MetricType.Gauge, null, "{session}",
            [
                new MetricSeriesSnapshot([new MetricTag("processor-node-id", "sessionize"), new MetricTag("task-id", "0_1")], 7),
            ]),
            new MetricFamilySnapshot("ratio", MetricType.Gauge, "A ratio", null, [new MetricSeriesSnapshot([], 0.25)]),
        ]);

        Assert.Equal(
            """
            # HELP journeymapper_records_consumed_total Records read
            # TYPE journeymapper_records_consumed_total counter
            journeymapper_records_consumed_total{topic="clickstream.events"} 42
            journeymapper_records_consumed_total{topic="customer.profiles"} 0
            # TYPE journeymapper_sessions_open gauge
            journeymapper_sessions_open{processor_node_id="sessionize",task_id="0_1"} 7
            # HELP journeymapper_ratio A ratio
            # TYPE journeymapper_ratio gauge
            journeymapper_ratio 0.25

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void AHistogramWritesCumulativeBucketsUpToInfThenSumAndCount()
    {
        var text = PrometheusTextFormat.Write(
        [
            new MetricFamilySnapshot("commit-latency-seconds", MetricType.Histogram, "Commit time", "s",
            [
                new MetricSeriesSnapshot(
                    [new MetricTag("thread-id", "app-StreamThread-1")],
                    6,
                    new HistogramSnapshot([0.0001, 0.0002, 0.0004], [1, 0, 3, 2], 12.5)),
            ]),
        ]);

        Assert.Equal(
            """
            # HELP journeymapper_commit_latency_seconds Commit time
            # TYPE journeymapper_commit_latency_seconds histogram
            journeymapper_commit_latency_seconds_bucket{thread_id="app-StreamThread-1",le="0.0001"} 1
            journeymapper_commit_latency_seconds_bucket{thread_id="app-StreamThread-1",le="0.0002"} 1
            journeymapper_commit_latency_seconds_bucket{thread_id="app-StreamThread-1",le="0.0004"} 4
            journeymapper_commit_latency_seconds_bucket{thread_id="app-StreamThread-1",le="+Inf"} 6
            journeymapper_commit_latency_seconds_sum{thread_id="app-StreamThread-1"} 12.5
            journeymapper_commit_latency_seconds_count{thread_id="app-StreamThread-1"} 6

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void LabelValuesAndHelpAreEscapedAndNamesSanitized()
    {
        var text = PrometheusTextFormat.Write(
        [
            new MetricFamilySnapshot("odd name/total", MetricType.Counter, "back\\slash and\nnewline \"quoted\"", null,
            [
                new MetricSeriesSnapshot([new MetricTag("2nd-key", "a\"b\\c\nd")], 1),
            ]),
        ]);

        Assert.Equal(
            """
            # HELP journeymapper_odd_name_total back\\slash and\nnewline "quoted"
            # TYPE journeymapper_odd_name_total counter
            journeymapper_odd_name_total{_2nd_key="a\"b\\c\nd"} 1

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(-2.5, "-2.5")]
    public void NumbersUseGoFloatSyntax(double value, string expected)
    {
        Assert.Equal(expected, PrometheusTextFormat.Number(value));
    }

    [Fact]
    public void NoMetricsWriteNothing() => Assert.Equal("", PrometheusTextFormat.Write([]));

    [Fact]
    public void TheRegistrysSnapshotRendersAsItsFamiliesInNameOrder()
    {
        using var metrics = new StreamsMetrics();
        metrics.Counter(StreamsMetrics.RecordsConsumed, new MetricTag(StreamsMetrics.TopicTag, "in")).Add(3);
        metrics.Histogram("step-latency-seconds", HistogramBuckets.Explicit(0.5, 1), new MetricTag(StreamsMetrics.ProcessorNodeIdTag, "p")).Record(0.75);

        Assert.Equal(
            """
            # HELP journeymapper_records_consumed_total Records read from each input, repartition and table topic and processed
            # TYPE journeymapper_records_consumed_total counter
            journeymapper_records_consumed_total{topic="in"} 3
            # TYPE journeymapper_step_latency_seconds histogram
            journeymapper_step_latency_seconds_bucket{processor_node_id="p",le="0.5"} 0
            journeymapper_step_latency_seconds_bucket{processor_node_id="p",le="1"} 1
            journeymapper_step_latency_seconds_bucket{processor_node_id="p",le="+Inf"} 1
            journeymapper_step_latency_seconds_sum{processor_node_id="p"} 0.75
            journeymapper_step_latency_seconds_count{processor_node_id="p"} 1

            """.ReplaceLineEndings("\n"),
            PrometheusTextFormat.Write(metrics.Collect()));
    }
}
