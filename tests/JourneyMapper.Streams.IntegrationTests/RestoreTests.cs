using Confluent.Kafka;
using JourneyMapper.Tools.Kafka;
using Xunit;

namespace JourneyMapper.Streams.IntegrationTests;

public sealed class RestoreTests
{
    private const string App = "sessions-restore";
    private const string Input = "restore-in";
    private const string Output = "restore-out";
    private const long T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private const long Minute = 60_000;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task ASessionOpenBeforeACleanRestartIsRestoredAndMergedWithAnEventWithinTheGap()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        using var producer = KafkaIo.Producer(cluster);
        var topology = SessionTopology.Build(Input, Output, keyWithEnd: true);
        cluster.CreateTopic(Input, 2);
        cluster.CreateTopic(Output, 1);
        cluster.CreateTopics(topology.InternalTopics(App).Select(t => (t.Name, 2)));
        var config = SessionTopology.Config(App, cluster.BootstrapServers, TimeSpan.FromMilliseconds(200));

        // Before the restart: one session of two events, a minute apart.
        await using (var first = new KafkaStreams(topology, config))
        {
            first.Start();
            await KafkaIo.ProduceAsync(producer, Input, [("a", "e00:x", T0), ("a", "e01:y", T0 + Minute)]);
            await KafkaIo.WaitUntilAsync(() => ReadOutput(cluster).Count == 3, StepTimeout, () => $"outputs {string.Join(" ", ReadOutput(cluster))}");
            await first.CloseAsync().WaitAsync(StepTimeout);
            Assert.Equal(KafkaStreamsState.NotRunning, first.State);
        }

        Assert.Equal(
            [($"[a@{T0}/{T0}]", "x"), ($"[a@{T0}/{T0}]", null), ($"[a@{T0}/{T0 + Minute}]", "x,y")],
            ReadOutput(cluster));

        // A fresh instance of the same application: it restores the session from the changelog, resumes after the
        // committed offsets, and an event two minutes later (within the 5-minute gap) joins the restored session.
        var log = new CapturingLoggerFactory();
        await using (var second = new KafkaStreams(topology, config, log))
        {
            second.Start();
            await KafkaIo.WaitUntilAsync(() => second.State == KafkaStreamsState.Running, StepTimeout, () => $"state {second.State}");
            await KafkaIo.ProduceAsync(producer, Input, [("a", "e02:z", T0 + (3 * Minute))]);
            await KafkaIo.WaitUntilAsync(() => ReadOutput(cluster).Count == 5, StepTimeout, () => $"outputs {string.Join(" ", ReadOutput(cluster))}");
            await second.CloseAsync().WaitAsync(StepTimeout);
        }

        Assert.Equal(
            [
                ($"[a@{T0}/{T0}]", "x"), ($"[a@{T0}/{T0}]", null), ($"[a@{T0}/{T0 + Minute}]", "x,y"),
                ($"[a@{T0}/{T0 + Minute}]", null), ($"[a@{T0}/{T0 + (3 * Minute)}]", "x,y,z"),
            ],
            ReadOutput(cluster));
        Assert.Contains(log.Messages($"restored {App}-sessions-changelog-"), message => !message.Contains(": 0 records", StringComparison.Ordinal));
    }

    private static List<(string Key, string? Value)> ReadOutput(EmbeddedKafkaCluster cluster) =>
        [.. KafkaIo.ReadAll(cluster, Output, 1, IsolationLevel.ReadCommitted, toHighWatermark: true, StepTimeout).Records
            .Select(r => (r.Message.Key!, r.Message.Value))];
}
