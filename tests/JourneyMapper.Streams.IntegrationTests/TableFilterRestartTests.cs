using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using JourneyMapper.Tools.Kafka;
using Xunit;

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>
/// A filtered table keeps no changelog: a restarted instance refills it from the parent table, restored from its topic,
/// before the first record is processed, so a row that passed before the restart still counts after it.
/// </summary>
public sealed class TableFilterRestartTests
{
    private const string App = "table-filter-restart";
    private const string Accounts = "filter-accounts";
    private const string Clicks = "filter-clicks";
    private const string Allowed = "filter-allowed";
    private const string BlockedStore = "blocked";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task ARowThatPassedBeforeARestartIsInTheFilteredTableAfterIt()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        using var producer = KafkaIo.Producer(cluster);
        var topology = Build();
        cluster.CreateTopic(Accounts, 2);
        cluster.CreateTopic(Clicks, 2);
        cluster.CreateTopic(Allowed, 1);
        cluster.CreateTopics(topology.InternalTopics(App).Select(t => (t.Name, 2)));
        var config = SessionTopology.Config(App, cluster.BootstrapServers, TimeSpan.FromMilliseconds(200));

        await using (var first = new KafkaStreams(topology, config))
        {
            first.Start();
            await KafkaIo.ProduceAsync(producer, Accounts, [("u1", "blocked", 1), ("u2", "open", 2)]);
            await KafkaIo.ProduceAsync(producer, Clicks, [("u1", "view", 3), ("u2", "view", 4)]);
            await KafkaIo.WaitUntilAsync(() => ReadOutput(cluster).Count == 1, StepTimeout, () => $"outputs {string.Join(" ", ReadOutput(cluster))}");
            await first.CloseAsync().WaitAsync(StepTimeout);
        }

        await using (var second = new KafkaStreams(Build(), config))
        {
            second.Start();
            await KafkaIo.WaitUntilAsync(() => second.State == KafkaStreamsState.Running, StepTimeout, () => $"state {second.State}");
            await KafkaIo.ProduceAsync(producer, Clicks, [("u1", "cart", 5), ("u3", "view", 6), ("u2", "cart", 7)]);
            await KafkaIo.WaitUntilAsync(() => ReadOutput(cluster).Count == 3, StepTimeout, () => $"outputs {string.Join(" ", ReadOutput(cluster))}");
            await second.CloseAsync().WaitAsync(StepTimeout);
        }

        Assert.Equal([("u2", "cart"), ("u2", "view"), ("u3", "view")], ReadOutput(cluster).Order());
        Assert.DoesNotContain(topology.InternalTopics(App), topic => topic.Name.Contains(BlockedStore, StringComparison.Ordinal));
    }

    private static Topology Build()
    {
        var strings = Consumed.With(Serdes.String, Serdes.String);
        var builder = new StreamBuilder();
        var blocked = builder.Table(Accounts, strings).Filter((_, state) => state == "blocked", Materialized.As<string, string>(BlockedStore));
        builder.Stream(Clicks, strings)
            .LeftJoin(blocked, (click, state) => (Click: click, Blocked: state is not null))
            .Filter((_, joined) => !joined.Blocked)
            .MapValues(joined => joined.Click)
            .To(Allowed, Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    private static List<(string Key, string? Value)> ReadOutput(EmbeddedKafkaCluster cluster) =>
        [.. KafkaIo.ReadAll(cluster, Allowed, 1, IsolationLevel.ReadCommitted, toHighWatermark: true, StepTimeout).Records
            .Select(r => (r.Message.Key!, r.Message.Value))];
}
