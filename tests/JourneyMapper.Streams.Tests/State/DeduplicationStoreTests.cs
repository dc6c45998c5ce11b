using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

public sealed class DeduplicationStoreTests
{
    private const string Changelog = "topology-test-driver-seen-changelog";

    [Fact]
    public void TheFirstArrivalIsAddedAndRepeatsAreNot()
    {
        var store = NewStore(retention: 100);

        Assert.True(store.TryAdd("a", 10));
        Assert.True(store.TryAdd("b", 10));
        Assert.False(store.TryAdd("a", 10));
        Assert.False(store.TryAdd("a", 12));

        Assert.Equal(2, store.ApproximateNumEntries);
        Assert.True(store.TryGetTimestamp(DeduplicationKey.Hash("a"), out var timestamp));
        Assert.Equal(10, timestamp);
    }

    [Fact]
    public void AnEarlierRepeatArrivingLaterDoesNotReplaceTheFirstArrival()
    {
        var store = NewStore(retention: 100);

        Assert.True(store.TryAdd("a", 50));
        Assert.False(store.TryAdd("a", 20));

        Assert.True(store.TryGetTimestamp(DeduplicationKey.Hash("a"), out var timestamp));
        Assert.Equal(50, timestamp);
        Assert.Equal(50, store.ObservedStreamTime);
    }

    [Fact]
    public void AKeyIsRememberedWhileStreamTimeIsLessThanTheRetentionPastItsTimestamp()
    {
        var store = NewStore(retention: 100);
        store.TryAdd("a", 0);

        store.AdvanceStreamTime(99);
        Assert.True(store.Contains("a"));
        Assert.False(store.TryAdd("a", 99));

        store.AdvanceStreamTime(100);
        Assert.False(store.Contains("a"));
        Assert.True(store.TryAdd("a", 100));
        Assert.False(store.TryAdd("a", 100));
        Assert.True(store.TryGetTimestamp(DeduplicationKey.Hash("a"), out var timestamp));
        Assert.Equal(100, timestamp);
    }

    [Fact]
    public void AddingMovesStreamTimeAsAdvancingDoes()
    {
        var store = NewStore(retention: 100);
        store.TryAdd("a", 0);

        Assert.True(store.TryAdd("b", 100));

        Assert.False(store.Contains("a"));
        Assert.Equal(100, store.ObservedStreamTime);
    }

    [Fact]
    public void StreamTimeNeverGoesBack()
    {
        var store = NewStore(retention: 100);
        store.AdvanceStreamTime(500);

        store.AdvanceStreamTime(10);
        store.TryAdd("a", 450);

        Assert.Equal(500, store.ObservedStreamTime);
    }

    [Fact]
    public void AKeyAlreadyOutOfRetentionPassesEveryTimeAndIsNotRemembered()
    {
        var store = NewStore(retention: 100);
        store.AdvanceStreamTime(1_000);

        Assert.True(store.TryAdd("old", 900));
        Assert.True(store.TryAdd("old", 900));
        Assert.Equal(0, store.ApproximateNumEntries);

        Assert.True(store.TryAdd("old", 901));
        Assert.False(store.TryAdd("old", 901));
    }

    [Fact]
    public void RemoveForgetsAKey()
    {
        var store = NewStore(retention: 100);
        store.TryAdd("a", 1);

        Assert.True(store.Remove(DeduplicationKey.Hash("a")));
        Assert.False(store.Remove(DeduplicationKey.Hash("a")));
        Assert.True(store.TryAdd("a", 2));
    }

    [Fact]
    public void ForgottenKeysAreSweptOutAndTheTableShrinks()
    {
        var store = new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(1_000));
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(store.TryAdd(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 1_000));
        }

        Assert.Equal(100_000, store.ApproximateNumEntries);
        Assert.True(store.Capacity > 100_000);

        // Sweeps run every 1/8 of the retention of stream time; by then every key is forgotten.
        store.AdvanceStreamTime(999 + 1_000);

        Assert.Equal(0, store.ApproximateNumEntries);
        Assert.Equal(32, store.Capacity);
        Assert.Empty(store.Remembered());
    }

    [Fact]
    public void TheTableIsNativeMemoryThatCloseLetsGo()
    {
        var store = NewStore(retention: 1_000_000);
        for (var i = 0; i < 100_000; i++)
        {
            store.TryAdd(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
        }

        Assert.Equal(store.Capacity * 24L, store.OffHeapBytes);
        Assert.True(store.OffHeapBytes > 100_000 * 24L);

        store.Close();

        Assert.Equal(0, store.ApproximateNumEntries);
        Assert.Equal(32 * 24, store.OffHeapBytes);
        Assert.True(store.TryAdd("1", 100_000));
        Assert.True(store.IsWellFormed());
    }

    [Fact]
    public void TheStoreSweepsBehindStreamTimeByAtMostAnEighthOfTheRetention()
    {
        var store = new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(800));
        for (var t = 0; t < 10_000; t++)
        {
            store.TryAdd(t.ToString(System.Globalization.CultureInfo.InvariantCulture), t);

            // Held: the 800 remembered plus at most 100 ms' worth forgotten but not yet swept.
            Assert.InRange(store.ApproximateNumEntries, Math.Min(t + 1, 800), 900);
        }
    }

    /// <summary>
    /// However the hashes fall (spread out, crowded onto a few home slots, or at the top of the range, where probe runs
    /// wrap around the table's end), every entry stays where a lookup finds it while the table grows from 32 slots and
    /// is rebuilt smaller after a sweep, and exactly the keys still in retention are remembered.
    /// </summary>
    [Fact]
    public void GrowingAndShrinkingKeepEveryEntryWhereALookupFindsIt() =>
        Prop.ForAll(Arb.From(HashSets()), hashes =>
            {
                const long retention = 1_000;
                var store = new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(retention));
                var times = new Dictionary<UInt128, long>();
                for (var i = 0; i < hashes.Count; i++)
                {
                    var time = i * 2_000L / hashes.Count;
                    var added = !times.TryGetValue(hashes[i], out var first) || time - first >= retention;
                    Assert.Equal(added, store.TryAdd(hashes[i], time));
                    if (added)
                    {
                        times[hashes[i]] = time;
                    }

                    if (i % 97 == 0)
                    {
                        Assert.True(store.IsWellFormed());
                    }
                }

                Assert.True(store.IsWellFormed());
                var last = (hashes.Count - 1) * 2_000L / Math.Max(1, hashes.Count);
                var expected = times.Where(entry => last - entry.Value < retention).Select(entry => (entry.Key, entry.Value)).Order().ToList();
                Assert.Equal(expected, store.Remembered().Order().ToList());

                // Everything forgotten but the newest keys: a sweep deletes the rest, and rebuilds the table smaller when little is left.
                store.AdvanceStreamTime(last + retention - 1);
                Assert.True(store.IsWellFormed());
                Assert.Equal(expected.Where(entry => entry.Item2 == last).ToList(), store.Remembered().Order().ToList());
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(100));

    /// <summary>
    /// Any sequence of adds, removes and stream-time moves gives the answers of a plain dictionary with the
    /// documented rule, on a table that grows, sweeps and shrinks along the way; and the changelog it writes,
    /// flushed now and then, restores the same remembered keys.
    /// </summary>
    [Fact]
    public void BehavesAsTheReferenceModelAndItsChangelogRestoresIt() =>
        Prop.ForAll(Arb.From(Operations()), operations =>
            {
                const long retention = 500;
                var collector = new RecordingCollector();
                var inner = new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(retention));
                var store = Logged(() => inner, collector, retention);
                var model = new Dictionary<int, long>();
                var observed = long.MinValue;

                foreach (var (kind, key, time) in operations)
                {
                    var hash = DeduplicationKey.Hash(BitConverter.GetBytes(key));
                    switch (kind)
                    {
                        case Kind.Add:
                            Advance(time);
                            var expected = observed - time >= retention || model.TryAdd(key, time);
                            Assert.Equal(expected, store.TryAdd(hash, time));
                            break;
                        case Kind.Remove:
                            Assert.Equal(model.Remove(key), store.Remove(hash));
                            break;
                        case Kind.Advance:
                            Advance(time);
                            store.AdvanceStreamTime(time);
                            break;
                        default:
                            store.Flush();
                            break;
                    }

                    Assert.Equal(observed, store.ObservedStreamTime);
                }

                var remembered = model.Select(entry => (DeduplicationKey.Hash(BitConverter.GetBytes(entry.Key)), entry.Value)).Order().ToList();
                Assert.Equal(remembered, inner.Remembered().Order().ToList());

                store.Flush();
                var restored = new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(retention));
                var restoring = (IRestorableStore)Logged(() => restored, new RecordingCollector(), retention);
                foreach (var (_, key, value) in collector.Sent)
                {
                    restoring.Restore(key!, value);
                }

                // Stream time moved past the last key added is not in the changelog: the first record after a restart brings it back.
                restored.AdvanceStreamTime(observed);
                Assert.Equal(remembered, restored.Remembered().Order().ToList());

                void Advance(long time)
                {
                    observed = Math.Max(observed, time);
                    foreach (var forgotten in model.Where(entry => observed - entry.Value >= retention).ToList())
                    {
                        model.Remove(forgotten.Key);
                    }
                }
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    [Fact]
    public void EachTaskReportsTheNativeMemoryOfItsTableUntilItCloses()
    {
        var driver = new TopologyTestDriver(SeenTopology(Stores.InMemoryDeduplicationStore("seen", TimeSpan.FromMinutes(1))));
        var input = driver.StringInput("ids");
        for (var i = 0; i < 1_000; i++)
        {
            input.PipeInput("k", $"id-{i}", i);
        }

        var store = driver.GetStateStore<IDeduplicationStore>("seen");
        var gauge = Assert.Single(driver.Metrics.Collect().Single(family => family.Name == StreamsMetrics.StoreNativeBytes).Series);
        Assert.Equal([new MetricTag(StreamsMetrics.StoreTag, "seen"), new MetricTag(StreamsMetrics.TaskIdTag, "0_0")], gauge.Tags);
        Assert.Equal(((IOffHeapStore)store).OffHeapBytes, gauge.Value);
        Assert.True(gauge.Value >= 1_000 * 24);

        driver.Dispose();
        Assert.DoesNotContain(driver.Metrics.Collect(), family => family.Name == StreamsMetrics.StoreNativeBytes);
    }

    [Fact]
    public void TheChangelogHoldsTheHashAndTheTimestampOfEachNewKeyInOneRecordPerCommit()
    {
        using var driver = new TopologyTestDriver(SeenTopology(Stores.InMemoryDeduplicationStore("seen", TimeSpan.FromMinutes(1)))) { CommitEveryRecord = false };
        var input = driver.StringInput("ids");
        var changelog = driver.BytesOutput(Changelog);

        input.PipeInput("k", "a", 5);
        input.PipeInput("k", "b", 7);
        input.PipeInput("k", "a", 9);
        Assert.True(changelog.IsEmpty);
        driver.Commit();

        var record = Assert.Single(changelog.ReadRecordsToList());
        Assert.Equal([(DeduplicationKey.Hash("a"), 5L), (DeduplicationKey.Hash("b"), 7L)], Entries(record.Key, record.Value).OrderBy(entry => entry.Timestamp));
        Assert.Equal(48, record.Value.Length);
        Assert.Contains(System.IO.Hashing.XxHash128.Hash("a"u8).Concat(BigEndian(5)).ToArray(), Enumerable.Range(0, 2).Select(i => record.Value[(i * 24)..((i + 1) * 24)]));
        Assert.Equal([(byte)0x01, .. System.IO.Hashing.XxHash128.Hash(record.Value)], record.Key);
        Assert.Equal(["a", "b"], driver.StringOutput("new-ids").ReadRecordsToList().Select(record => record.Value));

        driver.Commit();
        Assert.True(changelog.IsEmpty);
    }

    [Fact]
    public void ACommitOfManyKeysIsSplitIntoRecordsOfAtMost8192()
    {
        var collector = new RecordingCollector();
        var store = Logged(() => new InMemoryDeduplicationStore("seen", TimeSpan.FromMinutes(1)), collector, 60_000);
        for (var i = 0; i < 20_000; i++)
        {
            store.TryAdd(DeduplicationKey.Hash(BitConverter.GetBytes(i)), i);
        }

        store.Flush();

        Assert.Equal([8192 * 24, 8192 * 24, 3616 * 24], collector.Sent.Select(record => record.Value!.Length));
        var logged = collector.Sent.SelectMany(record => Entries(record.Key!, record.Value)).ToList();
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (DeduplicationKey.Hash(BitConverter.GetBytes(i)), (long?)i)).Order(), logged.Order());
    }

    [Fact]
    public void ARemovedKeyIsLoggedAsARemoval()
    {
        var collector = new RecordingCollector();
        var store = Logged(() => new InMemoryDeduplicationStore("seen", TimeSpan.FromMinutes(1)), collector, 60_000);
        store.TryAdd("a", 1);
        store.Flush();

        store.Remove(DeduplicationKey.Hash("a"));
        store.Flush();

        Assert.All(collector.Sent, record => Assert.Equal(Changelog, record.Topic));
        Assert.Equal([(DeduplicationKey.Hash("a"), 1L), (DeduplicationKey.Hash("a"), null)], collector.Sent.SelectMany(record => Entries(record.Key!, record.Value)));

        var restored = new InMemoryDeduplicationStore("seen", TimeSpan.FromMinutes(1));
        var restoring = (IRestorableStore)Logged(() => restored, new RecordingCollector(), 60_000);
        foreach (var (_, key, value) in collector.Sent)
        {
            restoring.Restore(key!, value);
        }

        Assert.Empty(restored.Remembered());
    }

    [Fact]
    public void AKeyTooOldToRememberIsNotLogged()
    {
        var collector = new RecordingCollector();
        var store = Logged(() => new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(100)), collector, 100);
        store.AdvanceStreamTime(1_000);

        store.TryAdd("old", 900);
        store.Flush();

        Assert.Empty(collector.Sent);
    }

    [Fact]
    public void ARestoreOfSingleKeyRecordsAsEarlierVersionsWroteRebuildsTheKeysAndForgetsThoseOutOfRetention()
    {
        var changelog = new List<(byte[] Key, byte[]? Value)>
        {
            (Hash("a"), BigEndian(0)),
            (Hash("b"), BigEndian(40)),
            (Hash("c"), BigEndian(60)),
            (Hash("a"), BigEndian(150)),   // a again, after it was forgotten
            (Hash("d"), BigEndian(120)),
            (Hash("d"), null),
        };
        var inner = new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(100));
        var store = Logged(() => inner, new RecordingCollector(), 100);

        foreach (var (key, value) in changelog)
        {
            ((IRestorableStore)store).Restore(key, value);
        }

        Assert.Equal(150, store.ObservedStreamTime);
        Assert.Equal([(DeduplicationKey.Hash("c"), 60L), (DeduplicationKey.Hash("a"), 150L)], inner.Remembered().OrderBy(entry => entry.Timestamp));
        Assert.False(store.TryAdd("c", 150));
        Assert.True(store.TryAdd("b", 150));
    }

    /// <summary>An empty value is no tombstone: a single-key record's is an unreadable timestamp, and a batch's holds no entries.</summary>
    [Fact]
    public void ARestoredEmptyValueRemovesNothing()
    {
        var inner = NewStore(100);
        var store = (IRestorableStore)Logged(() => inner, new RecordingCollector(), 100);
        var batchKey = new byte[17];
        batchKey[0] = 0x01;
        store.Restore(Hash("a"), BigEndian(10));

        var failure = Assert.Throws<FormatException>(() => store.Restore(Hash("a"), [], isTombstone: false));
        store.Restore(batchKey, [], isTombstone: false);

        Assert.Equal("a deduplication changelog value is an 8-byte timestamp, not 0 bytes", failure.Message);
        Assert.Equal([(DeduplicationKey.Hash("a"), 10L)], inner.Remembered());

        store.Restore(Hash("a"), [], isTombstone: true);
        Assert.Empty(inner.Remembered());
    }

    [Fact]
    public void TheChangelogTopicIsCompactedAndDeletedAfterTheRetentionPlusADay()
    {
        var topology = SeenTopology(Stores.InMemoryDeduplicationStore("seen", TimeSpan.FromHours(24)));

        var topic = Assert.Single(topology.InternalTopics("app"));

        Assert.Equal("app-seen-changelog", topic.Name);
        Assert.Equal("compact,delete", topic.Config["cleanup.policy"]);
        Assert.Equal((48 * 3_600_000L).ToString(System.Globalization.CultureInfo.InvariantCulture), topic.Config["retention.ms"]);
    }

    [Fact]
    public void ARetentionUnderAMillisecondIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Stores.InMemoryDeduplicationStore("seen", TimeSpan.Zero));

    private enum Kind
    {
        Add,
        Remove,
        Advance,
        Flush,
    }

    /// <summary>Up to 3,000 operations on up to 1,500 keys over 5 s of stream time with a 500 ms retention,
    /// mostly in time order with stragglers: enough to grow the table several times and sweep it often.</summary>
    private static Gen<List<(Kind Kind, int Key, long Time)>> Operations()
    {
        var kinds = Gen.Frequency((20, Gen.Constant(Kind.Add)), (2, Gen.Constant(Kind.Remove)), (2, Gen.Constant(Kind.Advance)), (1, Gen.Constant(Kind.Flush)));
        return
            from count in Gen.Choose(0, 3_000)
            from keys in Gen.Choose(1, 1_500)
            from steps in (
                from kind in kinds
                from key in Gen.Choose(0, keys - 1)
                from lag in Gen.Choose(-600, 20)
                select (Kind: kind, Key: key, Lag: lag)).ListOf(count)
            select steps.Select((step, i) => (step.Kind, step.Key, Math.Max(0, i * 5_000L / Math.Max(1, count) + step.Lag))).ToList();
    }

    /// <summary>Up to 6,000 hashes with repeats: uniform, on one of a few high halves, or within 2^40 of the top.</summary>
    private static Gen<List<UInt128>> HashSets()
    {
        var uniform = Gen.Choose(0, int.MaxValue).Select(seed => new UInt128((ulong)new Random(seed).NextInt64() << 1, (ulong)seed));
        var crowded = Gen.Choose(0, 4).Select(home => new UInt128((ulong)home << 60, 0)).SelectMany(
            high => Gen.Choose(1, int.MaxValue).Select(low => high + (ulong)low));
        var top = Gen.Choose(1, int.MaxValue).Select(low => new UInt128(ulong.MaxValue - ((ulong)low << 9), (ulong)low));
        var hash = Gen.Frequency((3, uniform), (1, crowded), (1, top));
        return
            from count in Gen.Choose(0, 6_000)
            from distinct in hash.ListOf(Math.Max(1, count / 2))
            from picks in Gen.Choose(0, Math.Max(1, count / 2) - 1).ListOf(count)
            select picks.Select(pick => distinct[pick]).ToList();
    }

    private static InMemoryDeduplicationStore NewStore(long retention) => new InMemoryDeduplicationStore("seen", TimeSpan.FromMilliseconds(retention));

    private static IDeduplicationStore Logged(Func<IDeduplicationStore> inner, RecordingCollector collector, long retention) =>
        (IDeduplicationStore)((IStoreBuilder)new DeduplicationStoreBuilder("seen", inner, TimeSpan.FromMilliseconds(retention)))
            .Build(new ChangelogWriter(collector, Changelog, 0, static () => 0));

    /// <summary>Lets through the values not seen before, remembered in store "seen".</summary>
    private static Topology SeenTopology(DeduplicationStoreBuilder store)
    {
        var builder = new StreamBuilder();
        builder.AddStateStore(store);
        builder.Stream("ids", Consumed.With(Serdes.String, Serdes.String))
            .Process(() => new FirstSeen(store.Name), stateStoreNames: store.Name)
            .To("new-ids", Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    /// <summary>A batch record's entries, decoded here by hand rather than by the code under test.</summary>
    private static IEnumerable<(UInt128 KeyHash, long? Timestamp)> Entries(byte[] key, byte[]? value)
    {
        Assert.Equal(17, key.Length);
        Assert.NotNull(value);
        for (var offset = 0; offset < value.Length; offset += 24)
        {
            var timestamp = BinaryPrimitives.ReadInt64BigEndian(value.AsSpan(offset + 16, 8));
            yield return (BinaryPrimitives.ReadUInt128BigEndian(value.AsSpan(offset, 16)), timestamp == long.MinValue ? null : timestamp);
        }
    }

    private static byte[] Hash(string key) => DeduplicationKey.Encode(DeduplicationKey.Hash(key));

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private sealed class FirstSeen(string storeName) : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;
        private IDeduplicationStore? _seen;

        public void Init(IProcessorContext<string, string> context) =>
            (_context, _seen) = (context, context.GetStateStore<IDeduplicationStore>(storeName));

        public void Process(Record<string, string> record)
        {
            if (_seen!.TryAdd(record.Value, record.Timestamp))
            {
                _context!.Forward(record);
            }
        }
    }
}
