using Confluent.Kafka;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

public sealed class TableJoinAndRepartitionTests
{
    private static readonly Consumed<string, string> Strings = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void LeftJoinSeesTheTableAsItStandsWhenTheStreamRecordArrives()
    {
        var builder = new StreamBuilder();
        var profiles = builder.Table("profiles", Strings, Materialized.As<string, string>("profiles-store"));
        builder.Stream("clicks", Strings)
            .LeftJoin(profiles, (click, profile) => $"{click}|{profile ?? "none"}")
            .To("enriched", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var clicks = driver.CreateInputTopic("clicks", Serializers.Utf8, Serializers.Utf8);
        var profileInput = driver.CreateInputTopic("profiles", Serializers.Utf8, Serializers.Utf8);
        var output = driver.CreateOutputTopic("enriched", Deserializers.Utf8, Deserializers.Utf8);

        clicks.PipeInput("u1", "view", 1);
        profileInput.PipeInput("u1", "gold", 2);
        clicks.PipeInput("u1", "cart", 3);
        profileInput.PipeInput("u1", null!, 4);
        clicks.PipeInput("u1", "buy", 5);

        Assert.Equal(["view|none", "cart|gold", "buy|none"], output.ReadRecordsToList().Select(r => r.Value));
        Assert.Null(driver.GetKeyValueStore<string, string>("profiles-store").Get("u1"));
    }

    [Fact]
    public void InnerJoinDropsRecordsWithoutATableValue()
    {
        var builder = new StreamBuilder();
        var profiles = builder.Table("profiles", Strings);
        builder.Stream("clicks", Strings).Join(profiles, (click, profile) => click + "|" + profile).To("enriched", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        driver.CreateInputTopic("profiles", Serializers.Utf8, Serializers.Utf8).PipeInput("u2", "silver", 0);
        var clicks = driver.CreateInputTopic("clicks", Serializers.Utf8, Serializers.Utf8);

        clicks.PipeInput("u1", "view", 1);
        clicks.PipeInput("u2", "view", 2);

        Assert.Equal([("u2", "view|silver")], driver.CreateOutputTopic("enriched", Deserializers.Utf8, Deserializers.Utf8)
            .ReadRecordsToList().Select(r => (r.Key, r.Value)));
    }

    [Fact]
    public void GroupingAfterAKeyChangeGoesThroughARepartitionTopic()
    {
        var builder = new StreamBuilder();
        var counts = new List<(string Key, long Count)>();
        builder.Stream("clicks", Strings)
            .SelectKey((_, value) => value.Split(':')[0])
            .GroupByKey(Grouped.With(Serdes.String, Serdes.String, "by-user"))
            .WindowedBy(SessionWindows.OfInactivityGapWithNoGrace(TimeSpan.FromMinutes(30)))
            .Count(Materialized.As<string, long>("counts"))
            .ToStream()
            .Peek((window, count) => counts.Add((window.Key, count)));
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology);
        var clicks = driver.CreateInputTopic("clicks", Serializers.Utf8, Serializers.Utf8);

        clicks.PipeInput("x", "alice:view", 1);
        clicks.PipeInput("y", "alice:cart", 2);
        clicks.PipeInput("z", "bob:view", 3);

        // The grown session replaces the one-event session: a tombstone (0) for the old window, then the new count.
        Assert.Equal([("alice", 1L), ("alice", 0L), ("alice", 2L), ("bob", 1L)], counts);
        Assert.Equal(2, topology.Describe().SubtopologyCount);
        Assert.Equal(
            ["topology-test-driver-counts-changelog", "topology-test-driver-by-user-repartition"],
            topology.InternalTopics("topology-test-driver").Select(t => t.Name));
        Assert.Equal(3, driver.CreateOutputTopic("topology-test-driver-by-user-repartition", Deserializers.Utf8, Deserializers.Utf8).QueueSize);
    }

    [Fact]
    public void SplitSendsEachRecordToTheFirstMatchingBranch()
    {
        var builder = new StreamBuilder();
        builder.Stream("clicks", Strings)
            .Split()
            .Branch((_, v) => v.StartsWith('a'), branch => branch.To("a", StringsOut))
            .Branch((_, v) => v.StartsWith("ab", StringComparison.Ordinal), branch => branch.To("ab", StringsOut))
            .DefaultBranch(branch => branch.To("other", StringsOut));
        using var driver = new TopologyTestDriver(builder.Build());
        var clicks = driver.CreateInputTopic("clicks", Serializers.Utf8, Serializers.Utf8);

        clicks.PipeInput("k", "abc", 1);
        clicks.PipeInput("k", "b", 2);

        Assert.Equal(["abc"], driver.CreateOutputTopic("a", Deserializers.Utf8, Deserializers.Utf8).ReadRecordsToList().Select(r => r.Value));
        Assert.True(driver.CreateOutputTopic("ab", Deserializers.Utf8, Deserializers.Utf8).IsEmpty);
        Assert.Equal(["b"], driver.CreateOutputTopic("other", Deserializers.Utf8, Deserializers.Utf8).ReadRecordsToList().Select(r => r.Value));
    }
}
