using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using JourneyMapper.Tools.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace JourneyMapper.Streams.IntegrationTests;

public sealed partial class FailoverTests(ITestOutputHelper output)
{
    private const int Partitions = 6;
    private const int Keys = 60;
    private const int EventsPerKey = 20;
    private const long Base = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Event <paramref name="j"/> of key <paramref name="k"/>: the key has 1 to 4 sessions an hour apart, its events
    /// a minute apart within a session (the gap is 5 minutes). Per key, timestamps grow with <paramref name="j"/>.
    /// </summary>
    private static (string Key, string Value, long Timestamp) Event(int k, int j)
    {
        var sessions = 1 + (k % 4);
        var session = j * sessions / EventsPerKey;
        var firstOfSession = Enumerable.Range(0, EventsPerKey).First(i => i * sessions / EventsPerKey == session);
        var timestamp = Base + (k * 7_000L) + (session * 3_600_000L) + ((j - firstOfSession) * 60_000L);
        return ($"user-{k:D2}", $"e{j:D2}:c{(k + (3 * j)) % 5}", timestamp);
    }

    /// <summary>Events j in [first, end) of every key, in j-major order (so every key's events stay in time order).</summary>
    private static List<(string Key, string Value, long Timestamp)> Events(int first, int end) =>
        [.. Enumerable.Range(first, end - first).SelectMany(j => Enumerable.Range(0, Keys).Select(k => Event(k, j)))];

    /// <summary>The final output table computed from the input alone: one entry per session, its distinct colors.</summary>
    private static SortedDictionary<string, string?> ExpectedTable()
    {
        var table = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var perKey in Events(0, EventsPerKey).GroupBy(e => e.Key))
        {
            var ordered = perKey.OrderBy(e => e.Timestamp).ToList();
            var start = ordered[0].Timestamp;
            var last = start;
            var colors = "";
            foreach (var e in ordered)
            {
                if (e.Timestamp - last > (long)SessionTopology.Gap.TotalMilliseconds)
                {
                    table[$"{perKey.Key}@{start}"] = colors;
                    start = e.Timestamp;
                    colors = "";
                }

                last = e.Timestamp;
                colors = SessionTopology.Union(colors, SessionTopology.Color(e.Value));
            }

            table[$"{perKey.Key}@{start}"] = colors;
        }

        return table;
    }

    [Fact(Timeout = 100_000)]
    public async Task SurvivorTakesOverACrashedInstanceAndTheFinalOutputEqualsAnUninterruptedRun()
    {
        var clock = Stopwatch.StartNew();
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        using var producer = KafkaIo.Producer(cluster);

        // A) one uninterrupted instance over the whole input.
        const string singleApp = "sessions-single";
        var singleTopology = SessionTopology.Build("input-single", "output-single");
        CreateTopics(cluster, singleTopology, singleApp, "input-single", "output-single");
        SortedDictionary<string, string?> reference;
        int referenceRecords;
        await using (var single = new KafkaStreams(singleTopology, SessionTopology.Config(singleApp, cluster.BootstrapServers, TimeSpan.FromMilliseconds(200))))
        {
            single.Start();
            await KafkaIo.ProduceAsync(producer, "input-single", Events(0, EventsPerKey));
            using var progress = new GroupProgress(cluster, singleApp, "input-single", Partitions);
            await progress.WaitUntilAllCommittedAsync(StepTimeout);
            reference = await KafkaIo.ReadTableAsync(cluster, "output-single", Partitions, StepTimeout);
            referenceRecords = (await KafkaIo.ReadAllAsync(cluster, "output-single", Partitions, IsolationLevel.ReadCommitted, true, StepTimeout)).Records.Count;
            await single.CloseAsync().WaitAsync(StepTimeout);
            Assert.Equal(KafkaStreamsState.NotRunning, single.State);
        }

        var expected = ExpectedTable();
        Assert.Equal(150, expected.Count); // 60 keys with 1, 2, 3 or 4 sessions each
        Assert.Equal(expected, reference);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: run A done, {reference.Count} sessions from {referenceRecords} output records");

        // B) two instances of a fresh application; one crashes with processed but uncommitted work.
        const string app = "sessions-failover";
        const string input = "input-failover";
        var victimProcessed = new ConcurrentDictionary<(string Key, string Value), int>();
        var survivorProcessed = new ConcurrentDictionary<(string Key, string Value), int>();
        var victimTopology = SessionTopology.Build(input, "output-failover", victimProcessed);
        var survivorTopology = SessionTopology.Build(input, "output-failover", survivorProcessed);
        CreateTopics(cluster, victimTopology, app, input, "output-failover");
        var victimLog = new CapturingLoggerFactory();
        var survivorLog = new CapturingLoggerFactory();

        // The victim commits every 5 s, so the crash can be placed just after one of its commits: what it processes
        // between that commit and the crash is certainly lost, and must be restored and reprocessed by the survivor.
        var victim = new KafkaStreams(victimTopology, SessionTopology.Config(app, cluster.BootstrapServers, TimeSpan.FromSeconds(5)), victimLog);
        var survivor = new KafkaStreams(survivorTopology, SessionTopology.Config(app, cluster.BootstrapServers, TimeSpan.FromMilliseconds(200)), survivorLog);
        var survivorStates = new ConcurrentQueue<KafkaStreamsState>();
        survivor.StateChanged += (next, _) => survivorStates.Enqueue(next);
        using var progressB = new GroupProgress(cluster, app, input, Partitions);
        try
        {
            // 1. Both instances join the group and split the six partitions 3/3.
            victim.Start();
            survivor.Start();
            await KafkaIo.WaitUntilAsync(
                () => victim.State == KafkaStreamsState.Running && survivor.State == KafkaStreamsState.Running
                      && LastTasks(victimLog).Count == 3 && LastTasks(survivorLog).Count == 3,
                StepTimeout,
                () => $"victim {victim.State} [{string.Join(' ', LastTasks(victimLog))}], survivor {survivor.State} [{string.Join(' ', LastTasks(survivorLog))}]");
            var victimPartitions = LastTasks(victimLog);
            var survivorPartitions = LastTasks(survivorLog);
            Assert.Equal(Enumerable.Range(0, Partitions), victimPartitions.Concat(survivorPartitions).Order());
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: split victim [{string.Join(' ', victimPartitions)}] / survivor [{string.Join(' ', survivorPartitions)}]");

            // 2. The first half is processed by both and committed (the victim's part at its next 5 s commit).
            var firstHalf = Events(0, 10);
            var firstHalfDeliveries = await KafkaIo.ProduceAsync(producer, input, firstHalf);
            var firstHalfEnds = firstHalfDeliveries.GroupBy(d => d.Partition.Value).ToDictionary(g => g.Key, g => g.Max(d => d.Offset.Value) + 1);
            await progressB.WaitUntilAllCommittedAsync(StepTimeout);
            Assert.All(firstHalf, e => Assert.True(victimProcessed.ContainsKey((e.Key, e.Value)) ^ survivorProcessed.ContainsKey((e.Key, e.Value))));

            // 3. Right after that commit, a third quarter: both process it, the victim's share stays uncommitted.
            var thirdQuarter = Events(10, 15);
            await KafkaIo.ProduceAsync(producer, input, thirdQuarter);
            await KafkaIo.WaitUntilAsync(
                () => thirdQuarter.All(e => victimProcessed.ContainsKey((e.Key, e.Value)) || survivorProcessed.ContainsKey((e.Key, e.Value))),
                StepTimeout,
                () => $"{thirdQuarter.Count(e => victimProcessed.ContainsKey((e.Key, e.Value)) || survivorProcessed.ContainsKey((e.Key, e.Value)))} of {thirdQuarter.Count} third-quarter records processed");
            var victimThirdQuarter = thirdQuarter.Where(e => victimProcessed.ContainsKey((e.Key, e.Value))).ToList();
            Assert.NotEmpty(victimThirdQuarter);

            await victim.CrashAsync().WaitAsync(StepTimeout);
            var crashedAt = clock.Elapsed;
            var statesBeforeTakeover = survivorStates.Count;
            Assert.Equal(KafkaStreamsState.NotRunning, victim.State);
            Assert.Single(victimLog.Messages("crashed on request"));
            Assert.Empty(victimLog.Messages("stopped cleanly"));

            // Nothing of the victim's third quarter was committed: its partitions' offsets are still the first half's ends.
            var committedAtCrash = progressB.Committed();
            output.WriteLine($"{crashedAt.TotalSeconds:F1} s: victim crashed after processing {victimThirdQuarter.Count} records it did not commit; committed {string.Join(", ", committedAtCrash.OrderBy(c => c.Key))}");
            Assert.All(victimPartitions, partition => Assert.Equal(firstHalfEnds[partition], committedAtCrash[partition]));

            // 4. The rest of the input arrives while the victim is dead; the survivor takes over its partitions.
            var restoresBefore = Restored(survivorLog).Count;
            await KafkaIo.ProduceAsync(producer, input, Events(15, EventsPerKey));
            await KafkaIo.WaitUntilAsync(
                () => LastTasks(survivorLog).Count == Partitions && survivor.State == KafkaStreamsState.Running,
                StepTimeout,
                () => $"survivor {survivor.State} with [{string.Join(' ', LastTasks(survivorLog))}]");
            var takeover = clock.Elapsed - crashedAt;
            await progressB.WaitUntilAllCommittedAsync(StepTimeout);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: survivor runs all {Partitions} tasks {takeover.TotalSeconds:F1} s after the crash; all input committed");

            // The partitions moved when the group's session timeout expired (the victim never said goodbye), in one
            // rebalance of the survivor.
            Assert.True(takeover >= TimeSpan.FromSeconds(4), $"takeover after {takeover}");
            Assert.Equal([KafkaStreamsState.Rebalancing, KafkaStreamsState.Running], survivorStates.Skip(statesBeforeTakeover));

            // It restored every partition's session store from the changelog, the victim's from what the victim
            // flushed at its last commit ...
            var takeoverRestores = Restored(survivorLog).Skip(restoresBefore).ToList();
            Assert.Equal(Enumerable.Range(0, Partitions), takeoverRestores.Select(r => r.Partition).Order());
            Assert.All(takeoverRestores, r => Assert.True(r.Records > 0, $"partition {r.Partition} restored {r.Records} records"));

            // ... and reprocessed the victim's uncommitted third quarter.
            Assert.All(victimThirdQuarter, e => Assert.True(survivorProcessed.ContainsKey((e.Key, e.Value)), $"{e.Key} {e.Value} not reprocessed"));

            // 5. The output has stopped changing, and its final table is the uninterrupted run's.
            var failover = await KafkaIo.ReadTableAsync(cluster, "output-failover", Partitions, StepTimeout);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var again = await KafkaIo.ReadTableAsync(cluster, "output-failover", Partitions, StepTimeout);
            Assert.Equal(failover, again);
            var failoverRecords = (await KafkaIo.ReadAllAsync(cluster, "output-failover", Partitions, IsolationLevel.ReadCommitted, true, StepTimeout)).Records.Count;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: failover output {failoverRecords} records (uninterrupted: {referenceRecords}) into {failover.Count} sessions");
            Assert.Equal(reference, failover);
        }
        finally
        {
            await survivor.CloseAsync().WaitAsync(StepTimeout);
            await victim.CloseAsync().WaitAsync(StepTimeout);
            var lines = victimLog.Entries.Select(e => (Who: "victim  ", e.At, e.Level, e.Message))
                .Concat(survivorLog.Entries.Select(e => (Who: "survivor", e.At, e.Level, e.Message)))
                .Where(e => !e.Message.StartsWith("librdkafka", StringComparison.Ordinal) || e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
                .OrderBy(e => e.At);
            foreach (var line in lines)
            {
                output.WriteLine($"{line.Who} {line.At:HH:mm:ss.fff} {line.Level} {line.Message}");
            }
        }

        Assert.Equal(KafkaStreamsState.NotRunning, survivor.State);
        await survivor.Completion.WaitAsync(StepTimeout);
    }

    /// <summary>
    /// An instance whose commit fails while it gives its partitions up in a rebalance must not commit those
    /// partitions' offsets later, when they belong to another instance: that rewinds the new owner's progress.
    /// librdkafka's mock refuses an OffsetCommit while the group is joining, which makes the failed revocation
    /// commit deterministic here; on a real broker it fails e.g. when the member's generation has expired.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task OffsetsOfPartitionsGivenUpWhenTheRevocationCommitFailedAreNotCommittedLater()
    {
        const string app = "stale-offsets";
        const string input = "stale-in";
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        cluster.CreateTopic(input, 2);
        cluster.CreateTopic("stale-out", 2);
        using var producer = KafkaIo.Producer(cluster);
        using var progress = new GroupProgress(cluster, app, input, 2);
        var processedA = new ConcurrentDictionary<(string Key, string Value), int>();
        var processedB = new ConcurrentDictionary<(string Key, string Value), int>();
        var logA = new CapturingLoggerFactory();
        var logB = new CapturingLoggerFactory();

        // A commits only when a rebalance or its close makes it; B every 200 ms.
        var a = new KafkaStreams(ForwardTopology(input, "stale-out", processedA), SessionTopology.Config(app, cluster.BootstrapServers, TimeSpan.FromMinutes(10)), logA);
        var b = new KafkaStreams(ForwardTopology(input, "stale-out", processedB), SessionTopology.Config(app, cluster.BootstrapServers, TimeSpan.FromMilliseconds(200)), logB);
        try
        {
            a.Start();
            await KafkaIo.WaitUntilAsync(() => LastTasks(logA).Count == 2, StepTimeout, () => $"A runs [{string.Join(' ', LastTasks(logA))}]");
            await ProduceToPartitionsAsync(producer, input, "first", 10);
            await KafkaIo.WaitUntilAsync(() => processedA.Count == 20, StepTimeout, () => $"A processed {processedA.Count} of 20");

            // B joins: A gives up both partitions and tries to commit 10/10, which the mock refuses.
            b.Start();
            await KafkaIo.WaitUntilAsync(
                () => LastTasks(logA).Count == 1 && LastTasks(logB).Count == 1 && a.State == KafkaStreamsState.Running && b.State == KafkaStreamsState.Running,
                StepTimeout,
                () => $"A [{string.Join(' ', LastTasks(logA))}], B [{string.Join(' ', LastTasks(logB))}]");
            // The premise: the revocation commit failed (once per revocation: a loaded machine can take the group through two).
            Assert.NotEmpty(logA.Messages("could not commit: RebalanceInProgress"));
            var movedToB = LastTasks(logB).Single();

            // B re-reads its partition from the start (nothing was committed), then gets ten more, and commits 20.
            await KafkaIo.WaitUntilAsync(() => progress.Committed()[movedToB] == 10, StepTimeout, () => $"committed {progress.Committed()[movedToB]}");
            await ProduceToPartitionsAsync(producer, input, "second", 10, only: movedToB);
            await KafkaIo.WaitUntilAsync(() => progress.Committed()[movedToB] == 20, StepTimeout, () => $"committed {progress.Committed()[movedToB]}");

            // A closes cleanly. It must commit only what it owns; B's partition has to stay at 20.
            await a.CloseAsync().WaitAsync(StepTimeout);
            Assert.Equal(20, progress.Committed()[movedToB]);
        }
        finally
        {
            await b.CloseAsync().WaitAsync(StepTimeout);
            await a.CloseAsync().WaitAsync(StepTimeout);
        }
    }

    private static Topology ForwardTopology(string input, string output, ConcurrentDictionary<(string Key, string Value), int> processed)
    {
        var builder = new StreamBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .Peek((key, value) => processed.AddOrUpdate((key, value), 1, (_, count) => count + 1))
            .To(output, Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    private static async Task ProduceToPartitionsAsync(IProducer<string, string> producer, string topic, string batch, int perPartition, int? only = null)
    {
        var partitions = only is { } single ? [single] : new[] { 0, 1 };
        await Task.WhenAll(
            from partition in partitions
            from i in Enumerable.Range(0, perPartition)
            select producer.ProduceAsync(
                new TopicPartition(topic, partition),
                new Message<string, string> { Key = $"p{partition}-{batch}-{i}", Value = $"{batch}-{i}" }))
            .WaitAsync(StepTimeout);
    }

    private static void CreateTopics(EmbeddedKafkaCluster cluster, Topology topology, string applicationId, string input, string output)
    {
        cluster.CreateTopic(input, Partitions);
        cluster.CreateTopic(output, Partitions);
        var internalTopics = topology.InternalTopics(applicationId);
        Assert.Equal([$"{applicationId}-{SessionTopology.StoreName}-changelog"], internalTopics.Select(t => t.Name));
        Assert.All(internalTopics, t => Assert.Equal(input, t.PartitionsLike));
        cluster.CreateTopics(internalTopics.Select(t => (t.Name, Partitions)));
    }

    /// <summary>The partitions of the tasks the instance's thread last said it runs.</summary>
    private static List<int> LastTasks(CapturingLoggerFactory log)
    {
        var last = log.Messages(" now runs tasks ").LastOrDefault();
        if (last is null)
        {
            return [];
        }

        return [.. TaskPattern().Matches(last[last.IndexOf(" now runs tasks ", StringComparison.Ordinal)..])
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order()];
    }

    private static List<(int Partition, long Records)> Restored(CapturingLoggerFactory log) =>
        [.. log.Messages("-changelog-").Select(message => RestoredPattern().Match(message)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"\b0_(\d+)\b")]
    private static partial Regex TaskPattern();

    [GeneratedRegex(@"restored [^ ]+-changelog-(\d+): (\d+) records")]
    private static partial Regex RestoredPattern();
}
