using System.Buffers.Binary;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

public sealed class WindowStoreTests
{
    private const long Size = 10;
    private static readonly Consumed<string, string> StringsIn = Consumed.With(Serdes.String, Serdes.String);

    [Fact]
    public void FetchReturnsTheValueOfExactlyThatWindow()
    {
        var store = Unlogged();

        store.Put("a", "x", 0);
        store.Put("a", "y", 10);
        store.Put("b", "z", 0);
        store.Put("a", "x2", 0);

        Assert.Equal("x2", store.Fetch("a", 0));
        Assert.Equal("y", store.Fetch("a", 10));
        Assert.Equal("z", store.Fetch("b", 0));
        Assert.Null(store.Fetch("b", 10));
        Assert.Null(store.Fetch("c", 0));
    }

    [Fact]
    public void RangeFetchReturnsTheKeysWindowsStartingInTheRangeInStartOrder()
    {
        var store = Unlogged();
        store.Put("a", "20", 20);
        store.Put("a", "0", 0);
        store.Put("a", "30", 30);
        store.Put("a", "10", 10);
        store.Put("b", "10", 10);

        Assert.Equal([new(10, "10"), new(20, "20")], store.Fetch("a", 5, 25));
        Assert.Equal([new(0, "0"), new(10, "10"), new(20, "20"), new(30, "30")], store.Fetch("a", 0, 30));
        Assert.Equal([new(10, "10")], store.Fetch("b", long.MinValue, long.MaxValue));
        Assert.Empty(store.Fetch("a", 31, 100));
        Assert.Empty(store.Fetch("a", 30, 0));
        Assert.Empty(store.Fetch("c", 0, 30));
    }

    [Fact]
    public void NullValueAndRemoveDeleteTheWindow()
    {
        var store = Unlogged();
        store.Put("a", "x", 0);
        store.Put("a", "y", 10);
        store.Put("a", "z", 20);

        store.Put("a", null, 0);
        store.Remove("a", 20);
        store.Remove("a", 30);

        Assert.Null(store.Fetch("a", 0));
        Assert.Null(store.Fetch("a", 20));
        Assert.Equal([new(10, "y")], store.Fetch("a", 0, 30));

        // A delete moves stream time as a put does (Kafka's put(key, null)), so replaying tombstones restores it.
        Assert.Equal(30, store.ObservedStreamTime);
    }

    [Fact]
    public void AllListsEveryWindowInStartOrderWithItsInclusiveEnd()
    {
        var store = Unlogged();
        store.Put("b", "2", 10);
        store.Put("a", "1", 0);
        store.Put("a", "3", 10);

        Assert.Equal(
            [
                new(new Windowed<string>("a", new Window(0, 9)), "1"),
                new(new Windowed<string>("b", new Window(10, 19)), "2"),
                new(new Windowed<string>("a", new Window(10, 19)), "3"),
            ],
            store.All());
    }

    [Fact]
    public void RetentionDropsWindowsAFullRetentionBehindTheLatestStart()
    {
        var store = Unlogged(retention: 100);
        store.Put("a", "0", 0);
        store.Put("a", "50", 50);
        store.Put("b", "90", 90);

        // Kafka's boundary: at stream time 100, the window that started 100 ms earlier is gone.
        store.Put("a", "100", 100);

        Assert.Equal(100, store.ObservedStreamTime);
        Assert.Null(store.Fetch("a", 0));
        Assert.Equal([new(50, "50"), new(100, "100")], store.Fetch("a", long.MinValue, long.MaxValue));
        Assert.Equal(3, store.All().Count());

        store.Put("b", "149", 149);
        Assert.Equal("50", store.Fetch("a", 50));

        store.Put("b", "150", 150);
        Assert.Null(store.Fetch("a", 50));
        Assert.Equal([new(100, "100")], store.Fetch("a", 0, 200));
    }

    [Fact]
    public void PutOfAWindowAlreadyOutOfRetentionIsIgnored()
    {
        var store = Unlogged(retention: 100);
        store.Put("a", "200", 200);

        store.Put("a", "late", 100);
        store.Put("a", "in time", 101);

        Assert.Null(store.Fetch("a", 100));
        Assert.Equal("in time", store.Fetch("a", 101));
        Assert.Equal(200, store.ObservedStreamTime);
    }

    [Fact]
    public void SizesAreCheckedWhenTheStoreIsDescribed()
    {
        Assert.Throws<ArgumentException>(() =>
            Stores.InMemoryWindowStore("w", TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10), Serdes.String, Serdes.String));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Stores.InMemoryTimestampedWindowStore("w", TimeSpan.FromMilliseconds(5), TimeSpan.Zero, Serdes.String, Serdes.String));
    }

    [Fact]
    public void ChangelogIsCompactedAndDeletedAfterTheRetentionAndADay()
    {
        var builder = Stores.InMemoryWindowStore("w", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), Serdes.String, Serdes.String);

        Assert.True(builder.LoggingEnabled);
        Assert.False(builder.WithLoggingDisabled().LoggingEnabled);
        Assert.Equal("compact,delete", builder.ChangelogConfig["cleanup.policy"]);
        Assert.Equal((3_600_000L + 86_400_000L).ToString(System.Globalization.CultureInfo.InvariantCulture), builder.ChangelogConfig["retention.ms"]);
        Assert.IsNotAssignableFrom<IRestorableStore>(((IStoreBuilder)builder.WithLoggingDisabled()).Build(null));
    }

    /// <summary>An empty value read from the changelog is a window's value (Serdes.String reads it as ""): only a tombstone removes the window.</summary>
    [Fact]
    public void ARestoredEmptyValueIsKeptAndOnlyATombstoneRemovesTheWindow()
    {
        var builder = Stores.InMemoryWindowStore("w", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(Size), Serdes.String, Serdes.String);
        var store = (IWindowStore<string, string>)((IStoreBuilder)builder).Build(new ChangelogWriter(new RecordingCollector(), "w-changelog", 0, static () => 0));
        var key = WindowKeySchema.EncodeKey(TestSupport.Utf8("a"), 10);

        ((IRestorableStore)store).Restore(key, [], isTombstone: false);
        Assert.Equal([new(10, "")], store.Fetch("a", 0, 100));

        ((IRestorableStore)store).Restore(key, [], isTombstone: true);
        Assert.Empty(store.Fetch("a", 0, 100));
    }

    [Fact]
    public void ChangelogRebuildsTheStoreInAFreshTask()
    {
        var storeBuilder = Stores.InMemoryWindowStore("visits", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(Size), Serdes.String, Serdes.String);
        using var driver = Driver(storeBuilder, () => new WindowWriter("visits"));
        var input = driver.StringInput("visits-in");

        input.PipeInput("a", "1", 0);
        input.PipeInput("a", "2", 5);
        input.PipeInput("b", "x", 3);
        input.PipeInput("a", "3", 12);
        input.PipeInput("b", "-", 7);
        input.PipeInput("c", "y", 60);
        input.PipeInput("d", "z", 105);

        var original = driver.GetStateStore<IWindowStore<string, string>>("visits");
        var changelog = driver.BytesOutput("topology-test-driver-visits-changelog").ReadRecordsToList();
        Assert.Equal(TestSupport.Utf8("a").Concat(BigEndian(0L)).Concat(new byte[4]), changelog[0].Key);
        Assert.Equal(TestSupport.Utf8("1"), changelog[0].Value);
        Assert.Contains(changelog, record => record.Key.SequenceEqual(WindowKeySchema.EncodeKey(TestSupport.Utf8("b"), 0)) && record.Value is null);

        var restored = Restore<IWindowStore<string, string>>(storeBuilder, changelog, out var recorder);

        // Window a@0 was dropped by retention without a tombstone; replaying stream time drops it again.
        Assert.Equal([("a", 10L, "3"), ("c", 60L, "y"), ("d", 100L, "z")], Contents(original));
        Assert.Equal(Contents(original), Contents(restored));
        Assert.Equal(original.ObservedStreamTime, restored.ObservedStreamTime);
        restored.Flush();
        Assert.Empty(recorder.Sent);
    }

    [Fact]
    public void UpdatesOfAWindowWithinACommitBecomeOneChangelogRecord()
    {
        var storeBuilder = Stores.InMemoryWindowStore("visits", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(Size), Serdes.String, Serdes.String);
        using var driver = new TopologyTestDriver(BuildTopology(storeBuilder, () => new WindowWriter("visits"))) { CommitEveryRecord = false };
        var input = driver.StringInput("visits-in");

        input.PipeInput("a", "1", 1);
        input.PipeInput("a", "2", 2);
        input.PipeInput("a", "3", 3);
        input.PipeInput("b", "x", 4);
        input.PipeInput("b", "-", 5);
        var changelog = driver.BytesOutput("topology-test-driver-visits-changelog");
        Assert.True(changelog.IsEmpty);

        driver.Commit();

        Assert.Equal(
            [(WindowKeySchema.EncodeKey(TestSupport.Utf8("a"), 0), TestSupport.Utf8("3")), (WindowKeySchema.EncodeKey(TestSupport.Utf8("b"), 0), null)],
            changelog.ReadRecordsToList().Select(record => (record.Key, (byte[]?)record.Value)));
    }

    [Fact]
    public void TimestampedStoreRoundTripsTheTimestamps()
    {
        var storeBuilder = Stores.InMemoryTimestampedWindowStore("counts", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(Size), Serdes.String, Serdes.Int64);
        using var driver = Driver(storeBuilder, () => new WindowCounter("counts"));
        var input = driver.StringInput("counts-in");

        input.PipeInput("a", "", 7);
        input.PipeInput("a", "", 3);
        input.PipeInput("a", "", 14);
        input.PipeInput("b", "", 9);

        var original = driver.GetStateStore<IWindowStore<string, ValueAndTimestamp<long>>>("counts");
        Assert.Equal(new ValueAndTimestamp<long>(2, 7), original.Fetch("a", 0));
        var changelog = driver.BytesOutput("topology-test-driver-counts-changelog").ReadRecordsToList();
        var last = changelog[^1];
        Assert.Equal(WindowKeySchema.EncodeKey(TestSupport.Utf8("b"), 0), last.Key);
        Assert.Equal(BigEndian(9L).Concat(BigEndian(1L)), last.Value);

        var restored = Restore<IWindowStore<string, ValueAndTimestamp<long>>>(storeBuilder, changelog, out _);

        Assert.Equal([("a", 0L, new ValueAndTimestamp<long>(2, 7)), ("b", 0L, new(1, 9)), ("a", 10L, new(1, 14))], Contents(original));
        Assert.Equal(Contents(original), Contents(restored));
    }

    [Fact]
    public void TimestampedStoreDeletesOnADefaultValue()
    {
        var store = (IWindowStore<string, ValueAndTimestamp<string>>)((IStoreBuilder)Stores.InMemoryTimestampedWindowStore(
            "w", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(Size), Serdes.String, Serdes.String)).Build(null);
        store.Put("a", new ValueAndTimestamp<string>("x", 3), 0);

        store.Put("a", default, 0);

        Assert.Empty(store.All());
        Assert.Null(store.Fetch("a", 0).Value);
    }

    [Fact]
    public void RemovingAWindowOfStructValuesLogsATombstoneNotADefault()
    {
        var storeBuilder = Stores.InMemoryTimestampedWindowStore("counts", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(Size), Serdes.String, Serdes.Int64);
        var recorder = new RecordingCollector();
        var store = (IWindowStore<string, ValueAndTimestamp<long>>)((IStoreBuilder)storeBuilder).Build(new ChangelogWriter(recorder, "counts-changelog", 0, () => 0));
        store.Put("a", new ValueAndTimestamp<long>(0, 0), 0);
        store.Flush();

        store.Remove("a", 0);
        store.Flush();

        Assert.Equal(BigEndian(0L).Concat(BigEndian(0L)), recorder.Sent[0].Value);
        Assert.Null(recorder.Sent[1].Value);
    }

    private static IWindowStore<string, string> Unlogged(long retention = 1_000) =>
        (IWindowStore<string, string>)((IStoreBuilder)Stores.InMemoryWindowStore(
            "w", TimeSpan.FromMilliseconds(retention), TimeSpan.FromMilliseconds(Size), Serdes.String, Serdes.String)).Build(null);

    private static Topology BuildTopology<TStoreValue>(WindowStoreBuilder<string, TStoreValue> store, Func<IProcessor<string, string, string, string>> processor)
    {
        var builder = new StreamBuilder();
        builder.AddStateStore(store);
        builder.Stream($"{store.Name}-in", StringsIn).Process(processor, stateStoreNames: store.Name);
        return builder.Build();
    }

    private static TopologyTestDriver Driver<TStoreValue>(WindowStoreBuilder<string, TStoreValue> store, Func<IProcessor<string, string, string, string>> processor) =>
        new(BuildTopology(store, processor));

    /// <summary>A store as a new task builds it, logged, and replayed from the changelog records as a restore does.</summary>
    private static TStore Restore<TStore>(IStoreBuilder builder, List<TestRecord<byte[], byte[]>> changelog, out RecordingCollector recorder)
        where TStore : IStateStore
    {
        recorder = new RecordingCollector();
        var topic = $"topology-test-driver-{builder.Name}-changelog";
        var store = builder.Build(new ChangelogWriter(recorder, topic, 0, () => 0));
        var restorable = Assert.IsAssignableFrom<IRestorableStore>(store);
        Assert.Equal(topic, restorable.RestoreTopic);
        foreach (var record in changelog)
        {
            restorable.Restore(record.Key, record.Value);
        }

        return (TStore)store;
    }

    // Insertion order within a window start is the store's business; compare by start, then key.
    private static List<(string Key, long Start, TValue Value)> Contents<TValue>(IWindowStore<string, TValue> store) =>
        store.All()
            .Select(entry => (entry.Key.Key, entry.Key.Window.Start, entry.Value))
            .OrderBy(entry => entry.Start)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .ToList();

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static long WindowStart(long timestamp) => timestamp - (timestamp % Size);

    /// <summary>Writes each record's value into its tumbling window; "-" deletes the window.</summary>
    private sealed class WindowWriter(string storeName) : IProcessor<string, string, string, string>
    {
        private IWindowStore<string, string>? _store;

        public void Init(IProcessorContext<string, string> context) => _store = context.GetStateStore<IWindowStore<string, string>>(storeName);

        public void Process(Record<string, string> record) =>
            _store!.Put(record.Key, record.Value == "-" ? null : record.Value, WindowStart(record.Timestamp));
    }

    /// <summary>Counts records per tumbling window, stamped with the latest record time, as a windowed count does.</summary>
    private sealed class WindowCounter(string storeName) : IProcessor<string, string, string, string>
    {
        private IWindowStore<string, ValueAndTimestamp<long>>? _store;

        public void Init(IProcessorContext<string, string> context) =>
            _store = context.GetStateStore<IWindowStore<string, ValueAndTimestamp<long>>>(storeName);

        public void Process(Record<string, string> record)
        {
            var start = WindowStart(record.Timestamp);
            var current = _store!.Fetch(record.Key, start);
            _store.Put(record.Key, new ValueAndTimestamp<long>(current.Value + 1, Math.Max(current.Timestamp, record.Timestamp)), start);
        }
    }
}
