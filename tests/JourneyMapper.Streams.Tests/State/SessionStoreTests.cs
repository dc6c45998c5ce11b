using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

public sealed class SessionStoreTests
{
    private const string DriverChangelog = "topology-test-driver-sessions-changelog";

    public static TheoryData<SessionStoreKind> StoreKinds => [SessionStoreKind.InMemory, SessionStoreKind.Arena];

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void FindSessionsTakesSessionsEndingAtOrAfterTheEarliestEndAndStartingAtOrBeforeTheLatestStart(SessionStoreKind kind)
    {
        var store = NewStore(kind);
        store.Put(W("a", 40, 50), 3);
        store.Put(W("a", 0, 10), 1);
        store.Put(W("b", 0, 100), 9);
        store.Put(W("a", 20, 30), 2);

        Assert.Equal([(W("a", 0, 10), 1L), (W("a", 20, 30), 2L), (W("a", 40, 50), 3L)], Pairs(store.FindSessions("a", long.MinValue, long.MaxValue)));
        Assert.Equal([(W("a", 0, 10), 1L), (W("a", 20, 30), 2L), (W("a", 40, 50), 3L)], Pairs(store.FindSessions("a", 10, 40)));
        Assert.Equal([(W("a", 20, 30), 2L)], Pairs(store.FindSessions("a", 11, 39)));
        Assert.Equal([(W("a", 20, 30), 2L)], Pairs(store.FindSessions("a", 30, 20)));
        Assert.Empty(store.FindSessions("a", 31, 39));
        Assert.Empty(store.FindSessions("a", 51, long.MaxValue));
        Assert.Empty(store.FindSessions("a", long.MinValue, -1));
        Assert.Empty(store.FindSessions("c", long.MinValue, long.MaxValue));
        Assert.Equal([(W("b", 0, 100), 9L)], Pairs(store.FindSessions("b", 100, 0)));
        Assert.Equal(4, store.ApproximateNumEntries);
    }

    /// <summary>A restore makes room ahead (capped): what was in the store stays findable, and what comes after is filed as before.</summary>
    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void RoomMadeAheadForARestoreKeepsEverySessionFindableAndInExpiryOrder(SessionStoreKind kind)
    {
        var collector = new RecordingCollector();
        var store = NewLoggedStore(kind, collector, "sessions-changelog");
        for (var i = 0; i < 100; i++)
        {
            store.Put(W($"k{i % 50}", i * 10, (i * 10) + 5), i);
        }

        ((IRestorableStore)store).RestoreStarting(5_000_000);
        for (var i = 100; i < 5_000; i++)
        {
            store.Put(W($"k{i % 3_000}", i * 10, (i * 10) + 5), i);
        }

        Assert.Equal(5_000, store.ApproximateNumEntries);
        for (var key = 0; key < 3_000; key++)
        {
            var expected = Enumerable.Range(0, 5_000).Where(i => i < 100 ? i % 50 == key : i % 3_000 == key).Select(i => (W($"k{key}", i * 10, (i * 10) + 5), (long)i));
            Assert.Equal(expected, Pairs(store.FindSessions($"k{key}", long.MinValue, long.MaxValue)));
        }

        var expired = new List<long>();
        store.ExpireBefore(long.MaxValue, (_, aggregate) => expired.Add(aggregate));
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (long)i), expired);
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void PutWithTheSameStartUpdatesTheSessionInPlace(SessionStoreKind kind)
    {
        var store = NewStore(kind);
        store.Put(W("a", 0, 10), 1);
        store.Put(W("a", 0, 25), 2);

        Assert.Equal([(W("a", 0, 25), 2L)], Pairs(store.FindSessions("a", long.MinValue, long.MaxValue)));
        Assert.Equal(1, store.ApproximateNumEntries);
        Assert.Equal(2, store.FetchSession("a", 0, 25));
        Assert.Equal(0, store.FetchSession("a", 0, 10));
        Assert.Equal(0, store.FetchSession("a", 1, 25));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void RemoveTakesOnlyTheExactWindow(SessionStoreKind kind)
    {
        var store = NewStore(kind);
        store.Put(W("a", 0, 10), 1);
        store.Put(W("a", 20, 30), 2);
        store.Put(W("a", 40, 50), 3);

        store.Remove(W("a", 20, 31));
        store.Remove(W("b", 20, 30));
        Assert.Equal(3, store.ApproximateNumEntries);

        store.Remove(W("a", 20, 30));
        Assert.Equal([(W("a", 0, 10), 1L), (W("a", 40, 50), 3L)], Pairs(store.FindSessions("a", long.MinValue, long.MaxValue)));
        store.Remove(W("a", 0, 10));
        Assert.Equal([(W("a", 40, 50), 3L)], Pairs(store.FindSessions("a", long.MinValue, long.MaxValue)));
        store.Remove(W("a", 40, 50));
        Assert.Empty(store.FindSessions("a", long.MinValue, long.MaxValue));
        Assert.Equal(0, store.ApproximateNumEntries);

        // A removed session never comes back through expiry.
        List<(Windowed<string>, long)> expired = [];
        store.ExpireBefore(long.MaxValue, (session, count) => expired.Add((session, count)));
        Assert.Empty(expired);
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ExpireBeforeRemovesTheSessionsEndingBeforeTheTimeOldestEndFirst(SessionStoreKind kind)
    {
        var store = NewStore(kind);
        store.Put(W("a", 0, 0), 1);
        store.Put(W("b", 5, 5), 2);
        store.Put(W("c", 3, 30), 3);
        store.Put(W("d", 2, 2), 4);
        store.Put(W("a", 0, 8), 5);   // grown after it was filed under end 0

        List<(Windowed<string>, long)> expired = [];
        store.ExpireBefore(30, (session, count) => expired.Add((session, count)));

        Assert.Equal([(W("d", 2, 2), 4L), (W("b", 5, 5), 2L), (W("a", 0, 8), 5L)], expired);
        Assert.Equal(1, store.ApproximateNumEntries);
        Assert.Equal([(W("c", 3, 30), 3L)], Pairs(store.FindSessions("c", long.MinValue, long.MaxValue)));
        Assert.Empty(store.FindSessions("a", long.MinValue, long.MaxValue));

        expired.Clear();
        store.ExpireBefore(30, (session, count) => expired.Add((session, count)));
        Assert.Empty(expired);
        store.ExpireBefore(31, (session, count) => expired.Add((session, count)));
        Assert.Equal([(W("c", 3, 30), 3L)], expired);
        Assert.Equal(0, store.ApproximateNumEntries);
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ExpireBeforeHandsOverAMergedSessionOnceUnderItsFinalWindow(SessionStoreKind kind)
    {
        var store = NewStore(kind);
        store.Put(W("a", 0, 0), 1);
        store.Put(W("a", 20, 20), 1);
        store.Remove(W("a", 20, 20));
        store.Put(W("a", 0, 20), 3);

        List<(Windowed<string>, long)> expired = [];
        store.ExpireBefore(20, (session, count) => expired.Add((session, count)));
        Assert.Empty(expired);
        store.ExpireBefore(long.MaxValue, (session, count) => expired.Add((session, count)));
        Assert.Equal([(W("a", 0, 20), 3L)], expired);
    }

    /// <summary>
    /// A session rewritten in place with an earlier end must not stay filed under its old end, or it would expire
    /// late.
    /// </summary>
    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ASessionRewrittenWithAnEarlierEndExpiresByItsNewEnd(SessionStoreKind kind)
    {
        var store = NewStore(kind);
        store.Put(W("a", 0, 100), 1);
        store.Put(W("a", 0, 10), 2);

        List<(Windowed<string>, long)> expired = [];
        store.ExpireBefore(50, (session, count) => expired.Add((session, count)));

        Assert.Equal([(W("a", 0, 10), 2L)], expired);
        Assert.Empty(store.FindSessions("a", long.MinValue, long.MaxValue));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ObservedEndIsTheLatestEndEverPut(SessionStoreKind kind)
    {
        var store = NewStore(kind);
        Assert.Equal(long.MinValue, store.ObservedEnd);

        store.Put(W("a", 0, 10), 1);
        store.Put(W("b", 5, 7), 1);
        Assert.Equal(10, store.ObservedEnd);
        store.Put(W("a", 0, 30), 2);
        Assert.Equal(30, store.ObservedEnd);

        store.Remove(W("a", 0, 30));
        store.ExpireBefore(long.MaxValue, static (_, _) => { });
        Assert.Equal(30, store.ObservedEnd);
    }

    /// <summary>
    /// For a value-type aggregate (a count) too, a closed or removed session is written as a tombstone, not as a
    /// value with end long.MinValue and aggregate 0.
    /// </summary>
    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ALoggedStoreWritesTheCurrentStateOfEachChangedSessionOnFlush(SessionStoreKind kind)
    {
        var collector = new RecordingCollector();
        var store = NewLoggedStore(kind, collector, "app-s-changelog");
        store.Put(W("a", 0, 10), 1);
        store.Put(W("a", 0, 20), 2);
        store.Put(W("b", 5, 5), 3);
        Assert.Empty(collector.Sent);

        store.Flush();

        // Key: the serialized key, then the start (8 bytes, big-endian); value: the end, then the aggregate.
        Assert.Equal(
            [
                ("app-s-changelog", "61" + "0000000000000000", "0000000000000014" + "0000000000000002"),
                ("app-s-changelog", "62" + "0000000000000005", "0000000000000005" + "0000000000000003"),
            ],
            Hex(collector.Sent));
        var firstBatch = collector.Sent.ToList();
        collector.Sent.Clear();

        store.Flush();
        Assert.Empty(collector.Sent);

        store.Remove(W("b", 5, 5));
        store.ExpireBefore(21, static (_, _) => { });
        Assert.Empty(store.FindSessions("a", long.MinValue, long.MaxValue));
        Assert.Empty(store.FindSessions("b", long.MinValue, long.MaxValue));
        Assert.Equal([(W("a", 0, 20), 2L), (W("b", 5, 5), 3L)], Restore(kind, firstBatch, ["a", "b"]));

        store.Flush();
        Assert.Equal(
            [
                ("app-s-changelog", "62" + "0000000000000005", null),
                ("app-s-changelog", "61" + "0000000000000000", (string?)null),
            ],
            Hex(collector.Sent));
        Assert.Empty(Restore(kind, [.. firstBatch, .. collector.Sent], ["a", "b"]));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ALoggedStoreOfAReferenceTypeAggregateWritesTombstonesForSessionsThatAreGone(SessionStoreKind kind)
    {
        var collector = new RecordingCollector();
        var store = (ISessionStore<string, string>)((IStoreBuilder)kind.Builder("sessions", Serdes.String))
            .Build(new ChangelogWriter(collector, "app-s-changelog", 0, static () => 0));
        store.Put(W("a", 0, 10), "x");
        store.Put(W("b", 5, 5), "y");
        store.Flush();
        collector.Sent.Clear();

        store.Remove(W("b", 5, 5));
        store.ExpireBefore(11, static (_, _) => { });
        store.Flush();

        Assert.Equal(
            [
                ("app-s-changelog", "62" + "0000000000000005", null),
                ("app-s-changelog", "61" + "0000000000000000", (string?)null),
            ],
            Hex(collector.Sent));
    }

    /// <summary>A serde that depends on the topic (as a registry's subject does) writes for the changelog's topic.</summary>
    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void TheChangelogHoldsTheAggregateAsSerializedForTheChangelogTopic(SessionStoreKind kind)
    {
        var collector = new RecordingCollector();
        var store = (ISessionStore<string, string>)((IStoreBuilder)kind.Builder("sessions", Serdes.From(new TopicTaggingSerde(), new TopicTaggingSerde())))
            .Build(new ChangelogWriter(collector, "app-sessions-changelog", 0, static () => 0));
        store.Put(W("a", 0, 10), "x");
        store.Flush();

        Assert.Equal("app-sessions-changelog:x", Encoding.UTF8.GetString(Assert.Single(collector.Sent).Value.AsSpan(8)));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ANullAggregateReadsBackAsNull(SessionStoreKind kind)
    {
        var store = (ISessionStore<string, string>)((IStoreBuilder)kind.Builder("sessions", Serdes.String)).Build(null);
        store.Put(W("a", 0, 10), "x");
        store.Put(W("a", 0, 10), null!);
        store.Put(W("b", 0, 10), null!);

        Assert.Null(Assert.Single(store.FindSessions("a", long.MinValue, long.MaxValue)).Value);
        Assert.Null(store.FetchSession("b", 0, 10));
        store.Put(W("a", 0, 20), "y");
        Assert.Equal("y", store.FetchSession("a", 0, 20));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void RestoringIsNotAChangeAndIsNotLoggedAgain(SessionStoreKind kind)
    {
        var source = new RecordingCollector();
        var store = NewLoggedStore(kind, source, DriverChangelog);
        store.Put(W("a", 0, 10), 1);
        store.Flush();

        var target = new RecordingCollector();
        var restored = NewLoggedStore(kind, target, DriverChangelog);
        foreach (var (_, key, value) in source.Sent)
        {
            ((IRestorableStore)restored).Restore(key!, value);
        }

        restored.Flush();
        Assert.Empty(target.Sent);
        Assert.Equal([(W("a", 0, 10), 1L)], Pairs(restored.FindSessions("a", long.MinValue, long.MaxValue)));
        Assert.Equal(10, restored.ObservedEnd);
    }

    /// <summary>An empty value is no tombstone but a record too short to hold a session's end: it fails the restore and removes nothing.</summary>
    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void ARestoredEmptyValueFailsAndOnlyATombstoneRemovesTheSession(SessionStoreKind kind)
    {
        var store = NewLoggedStore(kind, new RecordingCollector(), DriverChangelog);
        var restorable = (IRestorableStore)store;
        var key = SessionKeySchema.EncodeKey("a", 0);
        restorable.Restore(key, SessionKeySchema.EncodeValue(10, 2L));

        var failure = Assert.Throws<FormatException>(() => restorable.Restore(key, [], isTombstone: false));
        Assert.Equal("a session changelog value has at least 8 bytes; this one has 0", failure.Message);
        Assert.Equal([(W("a", 0, 10), 2L)], Pairs(store.FindSessions("a", long.MinValue, long.MaxValue)));

        restorable.Restore(key, [], isTombstone: true);
        Assert.Empty(store.FindSessions("a", long.MinValue, long.MaxValue));
    }

    /// <summary>
    /// Removing a window the store does not hold (same start, another end) leaves the store as it was, and the flush
    /// writes no tombstone that would make a restore lose a session the live store still has. (A string aggregate, so that the
    /// tombstone itself is written correctly.)
    /// </summary>
    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void RemovingAWindowTheStoreDoesNotHoldLogsNoTombstone(SessionStoreKind kind)
    {
        var collector = new RecordingCollector();
        var store = NewLoggedStringStore(kind, collector);
        store.Put(W("a", 0, 10), "x");
        store.Flush();

        store.Remove(W("a", 0, 5));
        store.Flush();

        Assert.Equal([(W("a", 0, 10), "x")], store.FindSessions("a", long.MinValue, long.MaxValue).Select(e => (e.Key, e.Value)));
        var restored = NewLoggedStringStore(kind, new RecordingCollector());
        foreach (var (_, key, value) in collector.Sent)
        {
            ((IRestorableStore)restored).Restore(key!, value);
        }

        Assert.Equal([(W("a", 0, 10), "x")], restored.FindSessions("a", long.MinValue, long.MaxValue).Select(e => (e.Key, e.Value)));
    }

    /// <summary>
    /// Runs a session aggregation on the driver, replays its changelog into a fresh logged store, and expects
    /// exactly the sessions still open, with tombstones for the closed and merged-away ones, for a count (a
    /// value-type aggregate) as for the same aggregation kept as a string.
    /// </summary>
    [Theory]
    [InlineData(Aggregation.Count, false, true)]
    [InlineData(Aggregation.Count, true, false)]
    [InlineData(Aggregation.Text, false, true)]
    [InlineData(Aggregation.Text, true, false)]
    public void TheChangelogOfARunRestoresExactlyTheOpenSessions(Aggregation aggregation, bool onlyFinalResults, bool commitEveryRecord)
    {
        var run = new SessionRun(aggregation, onlyFinalResults);
        using var driver = new TopologyTestDriver(run.Topology) { CommitEveryRecord = commitEveryRecord };
        var input = driver.StringInput("events");

        input.PipeInput("a", "v", 0);
        input.PipeInput("a", "v", 5_000);
        input.PipeInput("b", "v", 1_000);
        input.PipeInput("a", "v", 20_000);   // close time 8 000: a[0,5000] and b[1000,1000] close
        input.PipeInput("c", "v", 14_000);
        input.PipeInput("c", "v", 25_000);   // close time 13 000
        input.PipeInput("c", "v", 20_000);   // bridges c[14000] and c[25000]: c[25000] is merged away
        input.PipeInput("a", "v", 21_000);
        input.PipeInput("b", "v", 0);        // late: not in the store, not in the changelog
        driver.Commit();

        var changelog = driver.BytesOutput(DriverChangelog).ReadRecordsToList()
            .Select(record => (DriverChangelog, (byte[]?)record.Key, (byte[]?)record.Value))
            .ToList();
        List<(Windowed<string>, long)> open = [(W("a", 20_000, 21_000), 2L), (W("c", 14_000, 25_000), 3L)];
        Assert.Equal(open, run.Sessions(driver.GetStateStore<IStateStore>("sessions")));
        var restored = run.NewLoggedStore(new RecordingCollector());
        foreach (var (_, key, value) in changelog)
        {
            ((IRestorableStore)restored).Restore(key!, value);
        }

        // The last word on each session: its current state, or a tombstone once it closed or was merged away.
        var last = new Dictionary<(string Key, long Start), (long End, long Count)?>();
        foreach (var (_, key, value) in changelog)
        {
            var rawKey = SessionKeySchema.DecodeKey(key, out var start);
            last[(Encoding.UTF8.GetString(rawKey), start)] = value is null ? null : run.DecodeValue(value);
        }

        Assert.Equal(
            [
                (("a", 0L), null),
                (("a", 20_000L), (21_000L, 2L)),
                (("b", 1_000L), null),
                (("c", 14_000L), (25_000L, 3L)),
                (("c", 25_000L), ((long, long)?)null),
            ],
            last.OrderBy(entry => entry.Key.Key, StringComparer.Ordinal).ThenBy(entry => entry.Key.Start).Select(entry => (entry.Key, entry.Value)));
        Assert.Equal(open, run.Sessions(restored));
        Assert.Equal(25_000, run.ObservedEnd(restored));
        if (!commitEveryRecord)
        {
            // One commit: one record per session touched since the last one.
            Assert.Equal(5, changelog.Count);
        }
    }

    /// <summary>
    /// A task restarted from the changelog (restore, then Initialize, as StreamThread does) carries on: the
    /// session that closed before the restart is not emitted again, an old record is still late, and the open
    /// session is emitted once when it closes; for a count, no session that was gone before the restart comes back
    /// as a phantom [start, long.MinValue] with count 0.
    /// </summary>
    [Theory]
    [InlineData(Aggregation.Count)]
    [InlineData(Aggregation.Text)]
    public void ATaskRestoredFromTheChangelogEmitsOnlyWhatItHadNotEmitted(Aggregation aggregation)
    {
        var run = new SessionRun(aggregation, onlyFinalResults: true);
        List<(string Topic, byte[]? Key, byte[]? Value)> changelog;
        using (var driver = new TopologyTestDriver(run.Topology))
        {
            var input = driver.StringInput("events");
            input.PipeInput("a", "v", 0);
            input.PipeInput("b", "v", 20_000);   // closes a[0,0]
            input.PipeInput("b", "v", 21_000);
            Assert.Equal([(W("a", 0, 0), 1L)], run.Output);
            changelog = driver.BytesOutput(DriverChangelog).ReadRecordsToList()
                .Select(record => (DriverChangelog, (byte[]?)record.Key, (byte[]?)record.Value))
                .ToList();
        }

        run.Output.Clear();
        var metrics = new StreamsMetrics();
        var task = new StreamTask(
            new TaskId(0, 0),
            run.Topology,
            new StreamsConfig { ApplicationId = "topology-test-driver", BootstrapServers = "unused:9092" },
            new RecordingCollector(),
            new ManualClock(DateTimeOffset.UnixEpoch),
            metrics);
        var (changelogPartition, store) = Assert.Single(task.RestorableStores);
        Assert.Equal(DriverChangelog, changelogPartition.Topic);
        foreach (var (_, key, value) in changelog)
        {
            store.Restore(key!, value);
        }

        task.Initialize();
        task.Process(Raw(0, "a", 0));        // close time 21 000 - 12 000: late
        Assert.Equal(1, metrics.Get(StreamsMetrics.LateRecords));
        task.Process(Raw(1, "c", 40_000));   // closes b[20000,21000]

        Assert.Equal([(W("b", 20_000, 21_000), 2L)], run.Output);
    }

    public enum Aggregation
    {
        /// <summary>Count(): a value-type aggregate.</summary>
        Count,

        /// <summary>The same count kept as a string of one 'v' per record: a reference-type aggregate.</summary>
        Text,
    }

    private static ConsumeResult<byte[], byte[]> Raw(long offset, string key, long timestamp) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset("events", 0, offset),
        Message = new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(key),
            Value = "v"u8.ToArray(),
            Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
            Headers = [],
        },
    };

    private static ISessionStore<string, string> NewLoggedStringStore(SessionStoreKind kind, RecordingCollector collector) =>
        (ISessionStore<string, string>)((IStoreBuilder)kind.Builder("sessions", Serdes.String))
            .Build(new ChangelogWriter(collector, DriverChangelog, 0, static () => 0));

    /// <summary>A session aggregation (gap 10 s, grace 2 s) on store "sessions", as a count or as text, with its output.</summary>
    private sealed class SessionRun
    {
        private readonly Aggregation _aggregation;

        public SessionRun(Aggregation aggregation, bool onlyFinalResults)
        {
            _aggregation = aggregation;
            var builder = new StreamBuilder();
            var windowed = builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
                .GroupByKey()
                .WindowedBy(SessionWindows.OfInactivityGapAndGrace(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)))
                .EmitStrategy(onlyFinalResults ? EmitStrategy.OnWindowClose() : EmitStrategy.OnWindowUpdate());
            var output = Output;
            if (aggregation == Aggregation.Count)
            {
                windowed.Count(Materialized.As<string, long>("sessions"))
                    .ToStream()
                    .Peek((window, count) => output.Add((window, count)));
            }
            else
            {
                windowed.Aggregate(
                        static () => string.Empty,
                        static (_, value, aggregate) => aggregate + value,
                        static (_, left, right) => left + right,
                        Materialized.As<string, string>("sessions").WithValueSerde(Serdes.String))
                    .ToStream()
                    .Peek((window, text) => output.Add((window, text?.Length ?? 0)));
            }

            Topology = builder.Build();
        }

        public Topology Topology { get; }

        /// <summary>What the aggregation forwarded: windowed key and count.</summary>
        public List<(Windowed<string> Window, long Count)> Output { get; } = [];

        public IStateStore NewLoggedStore(RecordingCollector collector) =>
            ((IStoreBuilder)(_aggregation == Aggregation.Count
                ? (IStoreBuilder)Stores.InMemorySessionStore("sessions", TimeSpan.FromMinutes(1), Serdes.String, Serdes.Int64)
                : Stores.InMemorySessionStore("sessions", TimeSpan.FromMinutes(1), Serdes.String, Serdes.String)))
            .Build(new ChangelogWriter(collector, DriverChangelog, 0, static () => 0));

        public List<(Windowed<string>, long)> Sessions(IStateStore store) => _aggregation == Aggregation.Count
            ? Keys.SelectMany(key => ((ISessionStore<string, long>)store).FindSessions(key, long.MinValue, long.MaxValue))
                .Select(entry => (entry.Key, entry.Value)).ToList()
            : Keys.SelectMany(key => ((ISessionStore<string, string>)store).FindSessions(key, long.MinValue, long.MaxValue))
                .Select(entry => (entry.Key, (long)entry.Value.Length)).ToList();

        public long ObservedEnd(IStateStore store) => _aggregation == Aggregation.Count
            ? ((ISessionStore<string, long>)store).ObservedEnd
            : ((ISessionStore<string, string>)store).ObservedEnd;

        public (long End, long Count) DecodeValue(byte[] value) => (
            BinaryPrimitives.ReadInt64BigEndian(value),
            _aggregation == Aggregation.Count ? BinaryPrimitives.ReadInt64BigEndian(value.AsSpan(8)) : value.Length - 8);

        private static string[] Keys => ["a", "b", "c"];
    }

    private static Windowed<string> W(string key, long start, long end) => new(key, new Window(start, end));

    private static List<(string Topic, string Key, string? Value)> Hex(IEnumerable<(string Topic, byte[]? Key, byte[]? Value)> sent) =>
        sent.Select(record => (record.Topic, Convert.ToHexString(record.Key!), record.Value is null ? null : Convert.ToHexString(record.Value))).ToList();

    private static List<(Windowed<string>, long)> Pairs(IEnumerable<KeyValuePair<Windowed<string>, long>> sessions) =>
        sessions.Select(entry => (entry.Key, entry.Value)).ToList();

    private static ISessionStore<string, long> NewStore(SessionStoreKind kind) =>
        (ISessionStore<string, long>)((IStoreBuilder)kind.Builder("s", Serdes.Int64)).Build(null);

    private static ISessionStore<string, long> NewLoggedStore(SessionStoreKind kind, RecordingCollector collector, string changelog) =>
        (ISessionStore<string, long>)((IStoreBuilder)kind.Builder("sessions", Serdes.Int64)).Build(new ChangelogWriter(collector, changelog, 0, static () => 0));

    /// <summary>Replays changelog records, in order, into a fresh logged store of the kind and lists its sessions.</summary>
    private static List<(Windowed<string>, long)> Restore(
        SessionStoreKind kind, IEnumerable<(string Topic, byte[]? Key, byte[]? Value)> changelog, string[] keys)
    {
        var store = NewLoggedStore(kind, new RecordingCollector(), DriverChangelog);
        foreach (var (_, key, value) in changelog)
        {
            ((IRestorableStore)store).Restore(key!, value);
        }

        return keys.SelectMany(key => Pairs(store.FindSessions(key, long.MinValue, long.MaxValue))).ToList();
    }
}

/// <summary>Writes the topic it serializes for in front of the text.</summary>
internal sealed class TopicTaggingSerde : ISerializer<string>, IDeserializer<string>
{
    public byte[] Serialize(string data, SerializationContext context) => Encoding.UTF8.GetBytes($"{context.Topic}:{data}");

    public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        var text = Encoding.UTF8.GetString(data);
        return text[(text.IndexOf(':') + 1)..];
    }
}

/// <summary>The session stores the store's contract is tested on.</summary>
public enum SessionStoreKind
{
    InMemory,
    Arena,
}

internal static class SessionStoreKindExtensions
{
    /// <summary>A builder of the kind's store, with string keys and a minute's retention.</summary>
    public static SessionStoreBuilder<string, TAggregate> Builder<TAggregate>(this SessionStoreKind kind, string name, Serde<TAggregate> aggregateSerde) =>
        kind == SessionStoreKind.Arena
            ? Stores.ArenaSessionStore(name, TimeSpan.FromMinutes(1), Serdes.String, aggregateSerde)
            : Stores.InMemorySessionStore(name, TimeSpan.FromMinutes(1), Serdes.String, aggregateSerde);
}
