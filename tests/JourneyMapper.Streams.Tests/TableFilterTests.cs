using Confluent.Kafka;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

public sealed class TableFilterTests
{
    private static readonly Consumed<string, string> Strings = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced.With(Serdes.String, Serdes.String);

    /// <summary>
    /// A row that passes is put and sent on; an update that fails, or a deletion, removes the key and sends a deletion;
    /// a row that never passed sends nothing and is never held.
    /// </summary>
    [Fact]
    public void TheFilteredTableHoldsThePassingRowsAndSendsADeletionOnlyForARowItHeld()
    {
        var builder = new StreamBuilder();
        builder.Table("plans", Strings, Materialized.As<string, string>("plans-store"))
            .Filter((_, plan) => plan.StartsWith("gold", StringComparison.Ordinal), Materialized.As<string, string>("gold-store"), named: "gold")
            .ToStream()
            .To("gold-changes", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var plans = driver.CreateInputTopic("plans", Serializers.Utf8, Serializers.Utf8);
        var changes = driver.CreateOutputTopic("gold-changes", Deserializers.Utf8, Deserializers.Utf8);

        plans.PipeInput("a", "gold", 1);
        plans.PipeInput("b", "silver", 2);
        plans.PipeInput("c", "gold", 3);
        plans.PipeInput("a", "gold-plus", 4);
        plans.PipeInput("c", "bronze", 5);
        plans.PipeInput("b", null!, 6);
        plans.PipeInput("a", null!, 7);
        plans.PipeInput("d", "gold", 8);

        Assert.Equal(
            [("a", "gold"), ("c", "gold"), ("a", "gold-plus"), ("c", null), ("a", null), ("d", "gold")],
            changes.ReadRecordsToList().Select(record => (record.Key, (string?)record.Value)));
        var gold = driver.GetKeyValueStore<string, string>("gold-store");
        Assert.Equal([("d", "gold")], gold.All().Select(row => (row.Key, row.Value)));
        Assert.Equal(
            [("c", "bronze"), ("d", "gold")],
            driver.GetKeyValueStore<string, string>("plans-store").All().Select(row => (row.Key, row.Value)).Order());
    }

    /// <summary>The filtered rows are rebuilt from the parent table when a task starts: they need and get no changelog.</summary>
    [Fact]
    public void TheFilteredTablesStoreKeepsNoChangelog()
    {
        var builder = new StreamBuilder();
        builder.Table("plans", Strings, Materialized.As<string, string>("plans-store"))
            .Filter((_, plan) => plan == "gold", Materialized.As<string, string>("gold-store"));

        Assert.Empty(builder.Build().InternalTopics("app"));
    }

    [Fact]
    public void AStreamJoinsTheFilteredTableAsItStandsWhenEachRecordArrives()
    {
        var builder = new StreamBuilder();
        var blocked = builder.Table("accounts", Strings).Filter((_, state) => state == "blocked", Materialized.As<string, string>("blocked"));
        builder.Stream("clicks", Strings)
            .LeftJoin(blocked, (click, state) => (Click: click, Blocked: state is not null))
            .Filter((_, joined) => !joined.Blocked)
            .MapValues(joined => joined.Click)
            .To("allowed", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var accounts = driver.CreateInputTopic("accounts", Serializers.Utf8, Serializers.Utf8);
        var clicks = driver.CreateInputTopic("clicks", Serializers.Utf8, Serializers.Utf8);

        accounts.PipeInput("u1", "blocked", 1);
        accounts.PipeInput("u2", "open", 2);
        clicks.PipeInput("u1", "view", 3);
        clicks.PipeInput("u2", "view", 4);
        accounts.PipeInput("u1", "open", 5);
        clicks.PipeInput("u1", "cart", 6);

        Assert.Equal(
            [("u2", "view"), ("u1", "cart")],
            driver.CreateOutputTopic("allowed", Deserializers.Utf8, Deserializers.Utf8).ReadRecordsToList().Select(record => (record.Key, record.Value)));
    }

    [Fact]
    public void AWindowedAggregateIsNotATableToFilter()
    {
        var builder = new StreamBuilder();
        var counts = builder.Stream("clicks", Strings).GroupByKey().WindowedBy(SessionWindows.OfInactivityGapWithNoGrace(TimeSpan.FromMinutes(5))).Count();

        var failure = Assert.Throws<NotSupportedException>(() => counts.Filter((_, count) => count > 1));
        Assert.Contains("ToStream", failure.Message, StringComparison.Ordinal);
    }
}
