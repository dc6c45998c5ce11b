using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

/// <summary>What the runtime counts by itself, and what a processor registers through <c>context.Metrics</c>.</summary>
public sealed class RuntimeMetricsTests
{
    private static readonly Consumed<string, string> StringsIn = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void RecordsConsumedAreCountedPerTopicAndDeadLettersPerErrorCode()
    {
        var builder = new StreamBuilder();
        builder.Stream(["orders", "payments"], StringsIn)
            .Process(() => new RejectingProcessor(), "reject")
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config("dlq", TestSupport.Continue, TestSupport.Continue));
        var orders = driver.StringInput("orders");

        orders.PipeInput("k", "fine", 1);
        orders.PipeInput("k", "reject:too-big", 2);
        orders.PipeInput("k", "reject:too-big", 3);
        driver.StringInput("payments").PipeInput("k", "reject:unpaid", 4);

        Assert.Equal(3, driver.Metrics.Get(StreamsMetrics.RecordsConsumed, "orders"));
        Assert.Equal(1, driver.Metrics.Get(StreamsMetrics.RecordsConsumed, "payments"));
        Assert.Equal(2, driver.Metrics.Get(StreamsMetrics.DeadLetterRecords, "too-big"));
        Assert.Equal(1, driver.Metrics.Get(StreamsMetrics.DeadLetterRecords, "unpaid"));
        var deadLetters = driver.Metrics.Collect().Single(family => family.Name == StreamsMetrics.DeadLetterRecords);
        Assert.Equal(
            [[new MetricTag(StreamsMetrics.ErrorCodeTag, "too-big")], [new MetricTag(StreamsMetrics.ErrorCodeTag, "unpaid")]],
            deadLetters.Series.Select(series => series.Tags.ToArray()).ToArray());
    }

    [Fact]
    public void UndecodableRecordsAreConsumedAndDeadLetteredWithTheirCode()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.Int64)).To("out", Produced.With(Serdes.String, Serdes.Int64));
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config("dlq", TestSupport.Continue, TestSupport.Continue));

        driver.PipeRaw("in", null, TestSupport.Utf8("not eight bytes"), 1);

        Assert.Equal(1, driver.Metrics.Get(StreamsMetrics.RecordsConsumed, "in"));
        Assert.Equal(1, driver.Metrics.Get(StreamsMetrics.DeadLetterRecords, "deserialization-error"));
    }

    [Fact]
    public void AProcessorsMetricsAreTaggedWithItsNameTheTaskOrItsOwnTag()
    {
        var probe = new MetricsProbe();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new MeasuringProcessor(probe), "measure");
        var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config());

        driver.StringInput("in").PipeInput("k", "v", 1);
        driver.StringInput("in").PipeInput("k", "w", 2);

        var families = driver.Metrics.Collect().ToDictionary(family => family.Name);
        Assert.Equal([new MetricTag(StreamsMetrics.ProcessorNodeIdTag, "measure")], Assert.Single(families["seen-total"].Series).Tags);
        Assert.Equal(2, Assert.Single(families["seen-total"].Series).Value);
        Assert.Equal(
            [([new MetricTag("kind", "v")], 1.0), ([new MetricTag("kind", "w")], 1.0)],
            families["kinds-total"].Series.Select(series => (series.Tags.ToArray(), series.Value)).ToArray());
        var latency = Assert.Single(families["step-latency-seconds"].Series);
        Assert.Equal([new MetricTag(StreamsMetrics.ProcessorNodeIdTag, "measure")], latency.Tags);
        Assert.Equal(2, latency.Histogram!.Count);
        var gauge = Assert.Single(families["in-flight"].Series);
        Assert.Equal([new MetricTag(StreamsMetrics.ProcessorNodeIdTag, "measure"), new MetricTag(StreamsMetrics.TaskIdTag, "0_0")], gauge.Tags);
        Assert.Equal(2, gauge.Value);
        Assert.Equal("records seen so far", families["in-flight"].Description);

        // A task's gauges go with it; counters and histograms stay.
        driver.Dispose();
        Assert.DoesNotContain(driver.Metrics.Collect(), family => family.Name == "in-flight");
        Assert.Equal(2, driver.Metrics.Get("seen-total"));
    }

    [Fact]
    public void TheArrivalTimestampIsSetWhileARecordIsProcessedAndNotInAPunctuator()
    {
        var probe = new MetricsProbe();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new MeasuringProcessor(probe), "measure");
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config());
        var before = System.Diagnostics.Stopwatch.GetTimestamp();

        driver.StringInput("in").PipeInput("k", "v", 1);
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(2));

        Assert.InRange(Assert.Single(probe.ArrivalsInProcess), before, System.Diagnostics.Stopwatch.GetTimestamp());
        Assert.Equal(0, Assert.Single(probe.ArrivalsInPunctuator));
        Assert.Equal(0, probe.Context!.RecordArrivalTimestamp);
    }

    /// <summary>Dead-letters values "reject:CODE" with that code, forwards the others.</summary>
    private sealed class RejectingProcessor : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record)
        {
            if (record.Value.StartsWith("reject:", StringComparison.Ordinal))
            {
                _context!.SendToDeadLetterQueue(record.Value["reject:".Length..], "rejected");
                return;
            }

            _context!.Forward(record);
        }
    }

    private sealed class MetricsProbe
    {
        public IProcessorContext<string, string>? Context { get; set; }

        public List<long> ArrivalsInProcess { get; } = [];

        public List<long> ArrivalsInPunctuator { get; } = [];
    }

    private sealed class MeasuringProcessor(MetricsProbe probe) : IProcessor<string, string, string, string>
    {
        private MetricCounter? _seen;
        private MetricHistogram? _latency;
        private long _inFlight;

        public void Init(IProcessorContext<string, string> context)
        {
            probe.Context = context;
            context.Metrics.Describe("in-flight", "records seen so far");
            _seen = context.Metrics.Counter("seen-total");
            _latency = context.Metrics.Histogram("step-latency-seconds");
            context.Metrics.Gauge("in-flight", () => Interlocked.Read(ref _inFlight));
            context.Schedule(TimeSpan.FromSeconds(1), PunctuationType.WallClockTime, _ => probe.ArrivalsInPunctuator.Add(context.RecordArrivalTimestamp));
        }

        public void Process(Record<string, string> record)
        {
            probe.ArrivalsInProcess.Add(probe.Context!.RecordArrivalTimestamp);
            _seen!.Increment();
            probe.Context.Metrics.Counter("kinds-total", "kind", record.Value).Increment();
            Interlocked.Increment(ref _inFlight);
            _latency!.RecordSince(probe.Context.RecordArrivalTimestamp);
        }
    }
}
