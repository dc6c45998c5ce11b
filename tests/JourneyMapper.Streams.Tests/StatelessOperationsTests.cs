using System.Globalization;
using Confluent.Kafka;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

public sealed class StatelessOperationsTests
{
    private static readonly Consumed<string, string> StringsIn = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void FilterKeepsMatchingRecordsInOrderWithTheirTimestamps()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.Int64))
            .Filter((_, value) => value % 2 == 0)
            .To("out", Produced.With(Serdes.String, Serdes.Int64));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serializers.Utf8, Serializers.Int64);

        input.PipeInput("a", 1, 10);
        input.PipeInput("b", 2, 20);
        input.PipeInput("c", 3, 30);
        input.PipeInput("d", 4, 40);

        var output = driver.CreateOutputTopic("out", Deserializers.Utf8, Deserializers.Int64);
        Assert.Equal([("b", 2L, 20L), ("d", 4L, 40L)], output.ReadAll());
    }

    [Fact]
    public void FilterNotDropsMatchingRecords()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.Int64))
            .FilterNot((_, value) => value % 2 == 0)
            .To("out", Produced.With(Serdes.String, Serdes.Int64));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serializers.Utf8, Serializers.Int64);

        input.PipeInput("a", 1, 10);
        input.PipeInput("b", 2, 20);
        input.PipeInput("c", 3, 30);

        var output = driver.CreateOutputTopic("out", Deserializers.Utf8, Deserializers.Int64);
        Assert.Equal([("a", 1L, 10L), ("c", 3L, 30L)], output.ReadAll());
    }

    [Fact]
    public void MapReplacesKeyAndValueAndMayChangeTheirTypes()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .Map((key, value) => (long.Parse(value, CultureInfo.InvariantCulture), key.ToUpperInvariant()))
            .To("out", Produced.With(Serdes.Int64, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("alice", "7", 100);
        input.PipeInput("bob", "-3", 200);

        var output = driver.CreateOutputTopic("out", Deserializers.Int64, Deserializers.Utf8);
        Assert.Equal([(7L, "ALICE", 100L), (-3L, "BOB", 200L)], output.ReadAll());
    }

    [Fact]
    public void MapValuesWithTheValueOnlyKeepsTheKey()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .MapValues(value => (long)value.Length)
            .To("out", Produced.With(Serdes.String, Serdes.Int64));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("k1", "abc", 5);
        input.PipeInput("k2", "", 6);

        var output = driver.CreateOutputTopic("out", Deserializers.Utf8, Deserializers.Int64);
        Assert.Equal([("k1", 3L, 5L), ("k2", 0L, 6L)], output.ReadAll());
    }

    [Fact]
    public void MapValuesWithTheKeySeesTheKeyAndKeepsIt()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .MapValues((key, value) => $"{key}={value}")
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("k1", "v1", 5);
        input.PipeInput("k2", "v2", 6);

        Assert.Equal([("k1", "k1=v1", 5L), ("k2", "k2=v2", 6L)], driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void SelectKeyReplacesTheKeyOnly()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .SelectKey((_, value) => value.Split('|')[0])
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("old-1", "user-9|click", 11);
        input.PipeInput("old-2", "user-4|view", 12);

        Assert.Equal([("user-9", "user-9|click", 11L), ("user-4", "user-4|view", 12L)], driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void FlatMapValuesEmitsEachValueWithTheKeyAndTimestampOfItsRecord()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .FlatMapValues(value => value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("k1", "a b c", 1);
        input.PipeInput("k2", "", 2);
        input.PipeInput("k3", "d", 3);

        Assert.Equal(
            [("k1", "a", 1L), ("k1", "b", 1L), ("k1", "c", 1L), ("k3", "d", 3L)],
            driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void PeekSeesEveryRecordAndPassesItOnUnchanged()
    {
        var seen = new List<(string, string)>();
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .Peek((key, value) => seen.Add((key, value)))
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("k1", "v1", 1);
        input.PipeInput("k2", "v2", 2);

        Assert.Equal([("k1", "v1"), ("k2", "v2")], seen);
        Assert.Equal([("k1", "v1", 1L), ("k2", "v2", 2L)], driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void MergedStreamsReachOneSinkInPipeOrder()
    {
        var builder = new StreamBuilder();
        var left = builder.Stream("left", StringsIn);
        var right = builder.Stream("right", StringsIn);
        left.Merge(right).To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var leftInput = driver.StringInput("left");
        var rightInput = driver.StringInput("right");

        leftInput.PipeInput("l", "L1", 1);
        rightInput.PipeInput("r", "R1", 2);
        leftInput.PipeInput("l", "L2", 3);
        rightInput.PipeInput("r", "R2", 4);

        Assert.Equal(
            [("l", "L1", 1L), ("r", "R1", 2L), ("l", "L2", 3L), ("r", "R2", 4L)],
            driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void ProcessorBelowAMergeIsOneInstancePerTask()
    {
        var supplierCalls = 0;
        var builder = new StreamBuilder();
        var left = builder.Stream("left", StringsIn);
        var right = builder.Stream("right", StringsIn);
        left.Merge(right)
            .Process(() =>
            {
                supplierCalls++;
                return new CountingProcessor();
            })
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("left").PipeInput("l", "L1", 1);
        driver.StringInput("right").PipeInput("r", "R1", 2);

        Assert.Equal(1, supplierCalls);
        // One instance sees both inputs, so a per-task count spans the merged streams.
        Assert.Equal([("l", "L1#1", 1L), ("r", "R1#2", 2L)], driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void ToWithAFunctionRoutesEachRecordToItsTopic()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .To((key, _) => key.StartsWith("vip-", StringComparison.Ordinal) ? "vip" : "regular", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("vip-1", "a", 1);
        input.PipeInput("joe", "b", 2);
        input.PipeInput("vip-2", "c", 3);

        Assert.Equal([("vip-1", "a", 1L), ("vip-2", "c", 3L)], driver.StringOutput("vip").ReadAll());
        Assert.Equal([("joe", "b", 2L)], driver.StringOutput("regular").ReadAll());
    }

    [Fact]
    public void ToWithATopicNameExtractorRoutesEachRecordToItsTopic()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).To(new EventTypeTopics(), StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("k1", "click", 1);
        input.PipeInput("k2", "view", 2);
        input.PipeInput("k3", "click", 3);

        Assert.Equal([("k1", "click", 1L), ("k3", "click", 3L)], driver.StringOutput("events-click").ReadAll());
        Assert.Equal([("k2", "view", 2L)], driver.StringOutput("events-view").ReadAll());
    }

    [Fact]
    public void ToAFixedTopicWritesOnlyThere()
    {
        var builder = new StreamBuilder();
        var stream = builder.Stream("in", StringsIn);
        stream.To("first", StringsOut);
        stream.MapValues(value => value + "!").To("second", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("in").PipeInput("k", "v", 9);

        Assert.Equal([("k", "v", 9L)], driver.StringOutput("first").ReadAll());
        Assert.Equal([("k", "v!", 9L)], driver.StringOutput("second").ReadAll());
        Assert.True(driver.StringOutput("in").IsEmpty);
    }

    [Fact]
    public void NullValueIsWrittenAsATombstoneAndNullKeyAsNoKey()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn)
            .Filter((_, _) => true)
            .To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.PipeRaw("in", TestSupport.Utf8("k"), value: null, timestamp: 5);
        driver.PipeRaw("in", key: null, TestSupport.Utf8("v"), timestamp: 6);

        var records = driver.BytesOutput("out").ReadRecordsToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(TestSupport.Utf8("k"), records[0].Key);
        Assert.Null(records[0].Value);
        Assert.Equal(5, records[0].Timestamp);
        Assert.Null(records[1].Key);
        Assert.Equal(TestSupport.Utf8("v"), records[1].Value);
        Assert.Equal(6, records[1].Timestamp);
    }

    [Fact]
    public void TimestampExtractorSetsTheEventTimeThatSinksWrite()
    {
        var builder = new StreamBuilder();
        var consumed = StringsIn with
        {
            TimestampExtractor = (_, value, kafkaTimestamp) => value == "late" ? kafkaTimestamp - 1_000 : kafkaTimestamp,
        };
        builder.Stream("in", consumed).MapValues(value => value).To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");

        input.PipeInput("k", "late", 5_000);
        input.PipeInput("k", "on-time", 5_000);

        Assert.Equal([("k", "late", 4_000L), ("k", "on-time", 5_000L)], driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void OneSourceReadsSeveralTopicsInPipeOrder()
    {
        var builder = new StreamBuilder();
        builder.Stream(["a", "b"], StringsIn).To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("b").PipeInput("kb", "from-b", 1);
        driver.StringInput("a").PipeInput("ka", "from-a", 2);

        Assert.Equal([("kb", "from-b", 1L), ("ka", "from-a", 2L)], driver.StringOutput("out").ReadAll());
    }

    [Fact]
    public void InputHeadersReachTheSinkInOrder()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).MapValues(value => value.ToUpperInvariant()).To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("in").PipeInput("k", "v", 1, TestSupport.Headers(("trace", "t-1"), ("source", "web"), ("trace", "t-2")));

        var record = driver.StringOutput("out").ReadRecord();
        Assert.Equal([("trace", "t-1"), ("source", "web"), ("trace", "t-2")], record.Headers.Pairs());
    }

    /// <summary>Appends how many records this instance has seen, which tells instances apart.</summary>
    private sealed class CountingProcessor : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;
        private int _seen;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record)
        {
            _seen++;
            _context!.Forward(record.WithValue(string.Create(CultureInfo.InvariantCulture, $"{record.Value}#{_seen}")));
        }
    }

    private sealed class EventTypeTopics : ITopicNameExtractor<string, string>
    {
        public string Extract(string key, string value) => "events-" + value;
    }
}
