using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

public sealed class TopologyDescriptionTests
{
    private static readonly Consumed<string, string> StringsIn = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void LinearPipelineIsDescribedNodeByNodeWithItsArrows()
    {
        var builder = new StreamBuilder();
        builder.Stream("clicks", StringsIn)
            .Filter((_, value) => value.Length > 0)
            .MapValues(value => value.ToUpperInvariant(), named: "to-upper")
            .To("clicks-upper", StringsOut);

        var description = builder.Build().Describe();

        Assert.Equal(1, description.SubtopologyCount);
        Assert.Equal(
            """
            Topologies:
               Sub-topology: 0
                Source: KSTREAM-SOURCE-0000000000 (topics: [clicks])
                  --> KSTREAM-FILTER-0000000001
                Processor: KSTREAM-FILTER-0000000001 (stores: [])
                  --> to-upper
                  <-- KSTREAM-SOURCE-0000000000
                Processor: to-upper (stores: [])
                  --> KSTREAM-SINK-0000000003
                  <-- KSTREAM-FILTER-0000000001
                Sink: KSTREAM-SINK-0000000003 (topic: clicks-upper)
                  <-- to-upper

            """.ReplaceLineEndings("\n"),
            description.ToString());
    }

    [Fact]
    public void MergeAndBranchesShowEveryParentAndChild()
    {
        var builder = new StreamBuilder()
            .AddStateStore(Stores.InMemoryKeyValueStore("audit-store", Serdes.String, Serdes.String))
            .AddStateStore(Stores.InMemoryKeyValueStore("seen-store", Serdes.String, Serdes.Int64));
        var web = builder.Stream(["web", "web-legacy"], StringsIn, named: "web-source");
        var app = builder.Stream("app", StringsIn, named: "app-source");
        var merged = web.Merge(app, named: "all-clicks");
        merged.To("clicks", StringsOut, named: "clicks-sink");
        merged.Process(() => new NoOp(), named: "audit", "audit-store", "seen-store")
            .To((key, _) => "audit-" + key, StringsOut, named: "audit-sink");

        Assert.Equal(
            """
            Topologies:
               Sub-topology: 0
                Source: web-source (topics: [web, web-legacy])
                  --> all-clicks
                Source: app-source (topics: [app])
                  --> all-clicks
                Processor: all-clicks (stores: [])
                  --> clicks-sink, audit
                  <-- web-source, app-source
                Sink: clicks-sink (topic: clicks)
                  <-- all-clicks
                Processor: audit (stores: [audit-store, seen-store])
                  --> audit-sink
                  <-- all-clicks
                Sink: audit-sink (topic: <extracted per record>)
                  <-- audit

            """.ReplaceLineEndings("\n"),
            builder.Build().Describe().ToString());
    }

    [Fact]
    public void UnconnectedPipelinesAreSeparateSubTopologies()
    {
        var builder = new StreamBuilder();
        builder.Stream("a", StringsIn).To("a-out", StringsOut);
        builder.Stream("b", StringsIn).Peek((_, _) => { }).To("b-out", StringsOut);

        var description = builder.Build().Describe();

        Assert.Equal(2, description.SubtopologyCount);
        Assert.Equal(
            """
            Topologies:
               Sub-topology: 0
                Source: KSTREAM-SOURCE-0000000000 (topics: [a])
                  --> KSTREAM-SINK-0000000001
                Sink: KSTREAM-SINK-0000000001 (topic: a-out)
                  <-- KSTREAM-SOURCE-0000000000
               Sub-topology: 1
                Source: KSTREAM-SOURCE-0000000002 (topics: [b])
                  --> KSTREAM-PEEK-0000000003
                Processor: KSTREAM-PEEK-0000000003 (stores: [])
                  --> KSTREAM-SINK-0000000004
                  <-- KSTREAM-SOURCE-0000000002
                Sink: KSTREAM-SINK-0000000004 (topic: b-out)
                  <-- KSTREAM-PEEK-0000000003

            """.ReplaceLineEndings("\n"),
            description.ToString());
    }

    [Fact]
    public void GeneratedNamesFollowKafkaStreamsPrefixesAndOneCounter()
    {
        var builder = new StreamBuilder();
        var source = builder.Stream("in", StringsIn);
        source
            .Filter((_, _) => true)
            .FilterNot((_, _) => false)
            .Map((key, value) => (key, value))
            .MapValues(value => value)
            .MapValues((_, value) => value)
            .SelectKey((key, _) => key)
            .FlatMapValues(value => new[] { value })
            .Peek((_, _) => { })
            .Merge(source)
            .Process(() => new NoOp())
            .To("out", StringsOut);

        var nodes = NodeNames(builder.Build().Describe());

        Assert.Equal(
            [
                "KSTREAM-SOURCE-0000000000",
                "KSTREAM-FILTER-0000000001",
                "KSTREAM-FILTER-0000000002",
                "KSTREAM-MAP-0000000003",
                "KSTREAM-MAPVALUES-0000000004",
                "KSTREAM-MAPVALUES-0000000005",
                "KSTREAM-KEY-SELECT-0000000006",
                "KSTREAM-FLATMAPVALUES-0000000007",
                "KSTREAM-PEEK-0000000008",
                "KSTREAM-MERGE-0000000009",
                "KSTREAM-PROCESSOR-0000000010",
                "KSTREAM-SINK-0000000011",
            ],
            nodes);
    }

    [Fact]
    public void ExplicitNamesStillUseUpAGeneratedIndex()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn, named: "clicks")
            .Filter((_, _) => true, named: "non-empty")
            .To("out", StringsOut);

        Assert.Equal(["clicks", "non-empty", "KSTREAM-SINK-0000000002"], NodeNames(builder.Build().Describe()));
    }

    [Fact]
    public void DuplicateExplicitNameThrows()
    {
        var builder = new StreamBuilder();
        var stream = builder.Stream("in", StringsIn, named: "step");

        var thrown = Assert.Throws<ArgumentException>(() => stream.Filter((_, _) => true, named: "step"));

        Assert.Contains("'step'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitNameThatClashesWithAGeneratedOneThrows()
    {
        var builder = new StreamBuilder();
        var stream = builder.Stream("in", StringsIn);

        Assert.Throws<ArgumentException>(() => stream.To("out", StringsOut, named: "KSTREAM-SOURCE-0000000000"));
    }

    [Fact]
    public void TwoSourcesReadingOneTopicThrowAtBuild()
    {
        var builder = new StreamBuilder();
        builder.Stream("shared", StringsIn).To("a", StringsOut);
        builder.Stream(["other", "shared"], StringsIn).To("b", StringsOut);

        var thrown = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("'shared'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamWithoutTopicsThrows()
    {
        var builder = new StreamBuilder();

        Assert.Throws<ArgumentException>(() => builder.Stream([], StringsIn));
    }

    [Fact]
    public void SourceAndSinkTopicsListEveryFixedTopicOnce()
    {
        var builder = new StreamBuilder();
        var clicks = builder.Stream(["web", "app"], StringsIn);
        var orders = builder.Stream("orders", StringsIn);
        clicks.To("clicks", StringsOut);
        clicks.Filter((_, _) => true).To("clicks", StringsOut);
        orders.To("orders-out", StringsOut);
        // Per-record topics are unknown until records flow, so they are not listed.
        orders.To((key, _) => "orders-" + key, StringsOut);
        orders.To(new FixedExtractor(), StringsOut);

        var topology = builder.Build();

        Assert.Equal(["app", "orders", "web"], topology.SourceTopics.Order());
        Assert.Equal(["clicks", "orders-out"], topology.SinkTopics.Order());
    }

    /// <summary>The node names in the order the description lists them.</summary>
    private static List<string> NodeNames(TopologyDescription description) =>
        description.ToString()
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("Source: ", StringComparison.Ordinal)
                || line.StartsWith("Processor: ", StringComparison.Ordinal)
                || line.StartsWith("Sink: ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[1])
            .ToList();

    private sealed class NoOp : IProcessor<string, string, string, string>
    {
        public void Process(Record<string, string> record)
        {
        }
    }

    private sealed class FixedExtractor : ITopicNameExtractor<string, string>
    {
        public string Extract(string key, string value) => "always-here";
    }
}
