using System.Globalization;
using Confluent.Kafka;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

public sealed class ProcessorApiTests
{
    private static readonly Consumed<string, string> StringsIn = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void ProcessorSeesWhereEachRecordCameFrom()
    {
        var probe = new Probe();
        var builder = new StreamBuilder();
        builder.Stream(["orders", "payments"], StringsIn).Process(() => new ProbeProcessor(probe));
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config());
        var orders = driver.StringInput("orders");
        var payments = driver.StringInput("payments");

        orders.PipeInput("o", "1", 1);
        orders.PipeInput("o", "2", 2);
        payments.PipeInput("p", "1", 3);
        orders.PipeInput("o", "3", 4);

        // Offsets count per topic: each input topic is its own partition 0.
        Assert.Equal(
            [
                new RecordMetadata("orders", 0, 0),
                new RecordMetadata("orders", 0, 1),
                new RecordMetadata("payments", 0, 0),
                new RecordMetadata("orders", 0, 2),
            ],
            probe.Metadata);
    }

    [Fact]
    public void ProcessorSeesTheTaskAndTheApplicationId()
    {
        var probe = new Probe();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new ProbeProcessor(probe));
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config() with { ApplicationId = "journeys" });

        Assert.Equal(new TaskId(0, 0), probe.Context!.TaskId);
        Assert.Equal("0_0", probe.Context.TaskId.ToString());
        Assert.Equal("journeys", probe.Context.ApplicationId);
    }

    [Fact]
    public void RecordMetadataIsAbsentOutsideOfProcessing()
    {
        var probe = new Probe();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new ProbeProcessor(probe));
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("in").PipeInput("k", "v", 1);

        Assert.Null(probe.MetadataAtInit);
        Assert.Null(probe.Context!.RecordMetadata);
    }

    [Fact]
    public void InitRunsOncePerDriverAndCloseOnDispose()
    {
        var probe = new Probe();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new ProbeProcessor(probe));
        var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("k", "1", 1);
        input.PipeInput("k", "2", 2);

        Assert.Equal(1, probe.Inits);
        Assert.Equal(0, probe.Closes);

        driver.Dispose();
        driver.Dispose();

        Assert.Equal(1, probe.Closes);
    }

    [Fact]
    public void EachDriverGetsItsOwnProcessorInstances()
    {
        var probe = new Probe();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new ProbeProcessor(probe));
        var topology = builder.Build();

        using (new TopologyTestDriver(topology))
        using (new TopologyTestDriver(topology))
        {
            Assert.Equal(2, probe.Inits);
        }

        Assert.Equal(2, probe.Closes);
    }

    [Fact]
    public void PipingIntoADisposedDriverThrows()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).To("out", StringsOut);
        var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");
        driver.Dispose();

        Assert.Throws<ObjectDisposedException>(() => input.PipeInput("k", "v", 1));
    }

    [Fact]
    public void ForwardedRecordsCarryTheTimestampTheProcessorSets()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .Process(() => new SessionEndProcessor())
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("in").PipeInput("user-1", "1000", 5_000);

        Assert.Equal(
            [("user-1", "start", 5_000L), ("user-1", "end", 6_000L)],
            driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void ProcessorMayChangeTypesAndForwardToEveryChild()
    {
        var builder = new StreamBuilder();
        var lengths = builder.Stream("in", StringsIn).Process(() => new LengthProcessor());
        lengths.To("a", Produced.With(Serdes.Int64, Serdes.String));
        lengths.To("b", Produced.With(Serdes.Int64, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("in").PipeInput("abc", "x", 7);

        Assert.Equal([(3L, "x", 7L)], driver.CreateOutputTopic("a", Deserializers.Int64, Deserializers.Utf8).ReadAll());
        Assert.Equal([(3L, "x", 7L)], driver.CreateOutputTopic("b", Deserializers.Int64, Deserializers.Utf8).ReadAll());
    }

    [Fact]
    public void ProcessorWithoutChildrenWritesNothing()
    {
        var probe = new Probe();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new ProbeProcessor(probe));
        var recorder = new RecordingCollector();
        var task = recorder.TaskFor(builder.Build(), TestSupport.Config());

        task.Process(RecordingCollector.Raw("in", 0, TestSupport.Utf8("k"), TestSupport.Utf8("v")));

        Assert.Single(probe.Metadata);
        Assert.Empty(recorder.Sent);
    }

    /// <summary>What a <see cref="ProbeProcessor"/> observed, kept outside it so the test can read it.</summary>
    private sealed class Probe
    {
        public IProcessorContext<string, string>? Context { get; set; }

        public RecordMetadata? MetadataAtInit { get; set; }

        public List<RecordMetadata> Metadata { get; } = [];

        public int Inits { get; set; }

        public int Closes { get; set; }
    }

    private sealed class ProbeProcessor(Probe probe) : IProcessor<string, string, string, string>
    {
        public void Init(IProcessorContext<string, string> context)
        {
            probe.Inits++;
            probe.Context = context;
            probe.MetadataAtInit = context.RecordMetadata;
        }

        public void Process(Record<string, string> record) => probe.Metadata.Add(probe.Context!.RecordMetadata!.Value);

        public void Close() => probe.Closes++;
    }

    /// <summary>Turns a session length (ms) into a start and an end event at their own times.</summary>
    private sealed class SessionEndProcessor : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record)
        {
            _context!.Forward(record.WithValue("start"));
            _context.Forward(record.WithValue("end") with { Timestamp = record.Timestamp + long.Parse(record.Value, CultureInfo.InvariantCulture) });
        }
    }

    private sealed class LengthProcessor : IProcessor<string, string, long, string>
    {
        private IProcessorContext<long, string>? _context;

        public void Init(IProcessorContext<long, string> context) => _context = context;

        public void Process(Record<string, string> record) => _context!.Forward(record.WithKey((long)record.Key.Length));
    }
}
