using System.Buffers;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

/// <summary>
/// What the arena store promises beyond the session store contract (which SessionStoreTests checks on it): it holds
/// bytes, so what it hands out is a copy, what it expires is freed, and what its changelog writes is the serde's own.
/// </summary>
public sealed class ArenaSessionStoreTests
{
    private const string Changelog = "app-sessions-changelog";

    [Fact]
    public void AFoundAggregateIsTheCallersCopyAndTheStoreChangesOnlyOnPut()
    {
        var store = NewStore(buffered: false);
        store.Put(W("a", 0, 10), Items("x"));

        var found = Assert.Single(store.FindSessions("a", long.MinValue, long.MaxValue)).Value;
        found.Add("found");
        var fetched = store.FetchSession("a", 0, 10)!;
        Assert.Equal(["x"], fetched);
        fetched.Add("fetched");
        var appended = new List<KeyValuePair<Windowed<string>, Basket>>();
        store.FindSessions("a", long.MinValue, long.MaxValue, appended);
        Assert.Equal(["x"], Assert.Single(appended).Value);
        Assert.NotSame(store.FetchSession("a", 0, 10), store.FetchSession("a", 0, 10));

        // Nor is the aggregate put held: changing it after the put changes nothing.
        var put = Items("p");
        store.Put(W("b", 0, 0), put);
        put.Add("after");
        Assert.Equal(["p"], store.FetchSession("b", 0, 0));

        store.Put(W("a", 0, 10), found);
        Assert.Equal(["x", "found"], store.FetchSession("a", 0, 10));
        Assert.Equal(["p"], store.FetchSession("b", 0, 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APutOfALargerAggregateUnderTheSameWindowReplacesItsBytes(bool buffered)
    {
        var store = NewStore(buffered);
        store.Put(W("before", 0, 10), Items("b"));
        store.Put(W("a", 0, 10), Items("x"));
        store.Put(W("after", 0, 10), Items("c"));
        var large = Items([.. Enumerable.Range(0, 500).Select(i => $"item-{i}")]);

        store.Put(W("a", 0, 20), large);

        Assert.Equal([(W("a", 0, 20), Show(large))], Sessions(store, "a"));
        Assert.Null(store.FetchSession("a", 0, 10));
        Assert.Equal(["b"], store.FetchSession("before", 0, 10));
        Assert.Equal(["c"], store.FetchSession("after", 0, 10));
        Assert.Equal(3, store.ApproximateNumEntries);

        // Back to a small one, in the large block: the length read back is the new one.
        store.Put(W("a", 0, 30), Items("y", "z"));
        Assert.Equal([(W("a", 0, 30), "[y, z]")], Sessions(store, "a"));
        store.Put(W("a", 0, 30), Items());
        Assert.Equal([(W("a", 0, 30), "[]")], Sessions(store, "a"));
        Assert.Equal(["b"], store.FetchSession("before", 0, 10));
        Assert.Equal(["c"], store.FetchSession("after", 0, 10));
    }

    [Fact]
    public void ReplacedAndRemovedAggregatesGiveTheirBlocksBack()
    {
        var store = NewStore(buffered: true);
        var large = Items([.. Enumerable.Range(0, 1_000).Select(i => $"item-{i}")]);
        for (var i = 0; i < 20_000; i++)
        {
            store.Put(W("a", 0, i), i % 2 == 0 ? Items("x") : large);
            store.Put(W("b", i, i), large);
            store.Remove(W("b", i, i));
        }

        Assert.Equal([(W("a", 0, 19_999), Show(large))], Sessions(store, "a", "b"));
        Assert.Equal(SlabArena.FirstSlabSize, store.OffHeapBytes);
    }

    [Fact]
    public void ExpiryHandsOverEachAggregateDeserializedAndFreesItsBlock()
    {
        var store = NewStore(buffered: true);
        long? offHeapBytes = null;
        for (var round = 0; round < 8; round++)
        {
            // More than a slab's worth a round, in many size classes.
            var put = new Dictionary<Windowed<string>, Basket>();
            for (var i = 0; i < 10_000; i++)
            {
                var session = W($"k{i}", round * 1_000, (round * 1_000) + (i % 100));
                put[session] = Items([.. Enumerable.Range(0, 1 + (i % 60)).Select(j => $"r{round}-{i:D4}-{j:D2}")]);
                store.Put(session, put[session]);
            }

            var expired = new List<(Windowed<string> Session, Basket Aggregate)>();
            store.ExpireBefore((round + 1) * 1_000, (session, aggregate) =>
            {
                expired.Add((session, aggregate));

                // Its block is free by now and the next put of its size takes it: what was handed over is not in it.
                store.Put(W("late", 0, 0), Items(new string('!', Encoding.UTF8.GetByteCount(string.Join('|', aggregate)))));
                store.Remove(W("late", 0, 0));
            });

            Assert.Equal(put.Keys.Order(SessionOrder.Instance), expired.Select(entry => entry.Session).Order(SessionOrder.Instance));
            Assert.Equal(expired.Select(entry => entry.Session.Window.End).Order(), expired.Select(entry => entry.Session.Window.End));
            foreach (var (session, aggregate) in expired)
            {
                Assert.Equal(put[session], aggregate);
                Assert.NotSame(put[session], aggregate);
            }

            Assert.Equal(0, store.ApproximateNumEntries);
            offHeapBytes ??= store.OffHeapBytes;
            Assert.True(offHeapBytes > SlabArena.SlabSize, $"{offHeapBytes} bytes: a round should take more than a slab");
            Assert.Equal(offHeapBytes, store.OffHeapBytes);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryGetSerializedHandsOverTheSerdesBytesAndTheSessionEnd(bool buffered)
    {
        var serde = BasketSerde(buffered);
        var store = NewStore(buffered);
        var small = Items("x", "y");
        var large = Items([.. Enumerable.Range(0, 100).Select(i => $"item-{i}")]);
        store.Put(W("a", 0, 10), small);
        store.Put(W("a", 20, 30), Items());

        Assert.True(store.TryGetSerialized("a", 0, out var end, out var bytes));
        Assert.Equal(10, end);
        Assert.Equal(Serialize(serde, small), bytes.ToArray());
        Assert.True(store.TryGetSerialized("a", 20, out end, out bytes));
        Assert.Equal(30, end);
        Assert.Empty(bytes.ToArray());

        store.Put(W("a", 0, 15), large);
        Assert.True(store.TryGetSerialized("a", 0, out end, out bytes));
        Assert.Equal(15, end);
        Assert.Equal(Serialize(serde, large), bytes.ToArray());

        Assert.False(store.TryGetSerialized("a", 5, out _, out _));
        Assert.False(store.TryGetSerialized("a", 15, out _, out _));
        Assert.False(store.TryGetSerialized("b", 0, out _, out _));
        store.Remove(W("a", 0, 15));
        Assert.False(store.TryGetSerialized("a", 0, out _, out _));
        Assert.True(store.TryGetSerialized("a", 20, out end, out _));
        Assert.Equal(30, end);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheChangelogOfALoggedArenaStoreRestoresTheSameSessions(bool buffered)
    {
        var changelog = new RecordingCollector();
        var store = NewLoggedStore(changelog, buffered);
        store.Put(W("a", 0, 10), Items("a1"));
        store.Put(W("b", 5, 5), Items("b1"));
        store.Put(W("c", 0, 0), Items("c1"));
        store.Flush();
        store.Put(W("a", 0, 40), Items([.. Enumerable.Range(0, 200).Select(i => $"a{i}")]));   // grown, moved to a larger block
        store.Put(W("a", 50, 60), Items());
        store.Remove(W("b", 5, 5));
        store.ExpireBefore(1, static (_, _) => { });                                             // closes c[0,0]
        store.Put(W("d", 7, 9), Items("d1", "d2"));                                             // may take a freed block
        store.Flush();

        var restored = NewLoggedStore(new RecordingCollector(), buffered);
        foreach (var (_, key, value) in changelog.Sent)
        {
            ((IRestorableStore)restored).Restore(key!, value);
        }

        List<(Windowed<string>, string)> expected =
        [
            (W("a", 0, 40), Show(Items([.. Enumerable.Range(0, 200).Select(i => $"a{i}")]))),
            (W("a", 50, 60), "[]"),
            (W("d", 7, 9), "[d1, d2]"),
        ];
        Assert.Equal(expected, Sessions(store, "a", "b", "c", "d"));
        Assert.Equal(expected, Sessions(restored, "a", "b", "c", "d"));
        Assert.Equal(60, restored.ObservedEnd);
    }

    /// <summary>
    /// The store, not the changelog, remembers the sessions put: each goes out once per commit however often it was put;
    /// one removed and put again within the commit ends as put; one put and then expired leaves only its tombstone, even
    /// when its slot went to another session; and what a restore put is no change, so the next commit writes nothing.
    /// </summary>
    [Fact]
    public void ACommitWritesEachChangedSessionOnceAndARestoreWritesNothing()
    {
        var changelog = new RecordingCollector();
        var store = NewLoggedStore(changelog, buffered: true);
        store.Put(W("a", 0, 10), Items("a1"));
        store.Put(W("a", 0, 20), Items("a1", "a2"));
        store.Put(W("a", 0, 30), Items("a1", "a2", "a3"));
        store.Put(W("b", 5, 5), Items("b1"));
        store.Remove(W("b", 5, 5));
        store.Put(W("b", 5, 6), Items("b1", "b2"));
        store.Put(W("c", 0, 0), Items("c1"));
        store.ExpireBefore(1, static (_, _) => { });                                             // closes c[0,0]
        store.Put(W("d", 7, 9), Items("d1"));                                                   // takes c's slot
        store.Flush();

        Assert.Equal(
            [(SessionKeySchema.EncodeKey("a", 0), "000000000000001E" + Convert.ToHexString(Serialize(BasketSerde(buffered: true), Items("a1", "a2", "a3"))))],
            changelog.Sent.Where(record => record.Key!.SequenceEqual(SessionKeySchema.EncodeKey("a", 0))).Select(record => (record.Key, Convert.ToHexString(record.Value!))));
        Assert.Equal([null], changelog.Sent.Where(record => record.Key!.SequenceEqual(SessionKeySchema.EncodeKey("c", 0))).Select(record => record.Value));

        var restoredLog = new RecordingCollector();
        var restored = NewLoggedStore(restoredLog, buffered: true);
        foreach (var (_, key, value) in changelog.Sent)
        {
            ((IRestorableStore)restored).Restore(key!, value);
        }

        List<(Windowed<string>, string)> expected = [(W("a", 0, 30), "[a1, a2, a3]"), (W("b", 5, 6), "[b1, b2]"), (W("d", 7, 9), "[d1]")];
        Assert.Equal(expected, Sessions(store, "a", "b", "c", "d"));
        Assert.Equal(expected, Sessions(restored, "a", "b", "c", "d"));

        restored.Flush();
        Assert.Empty(restoredLog.Sent);
    }

    /// <summary>
    /// A restore puts each record's bytes in as they are, after the deserializer's check where it has one (instead of a
    /// decode whose result is dropped); a record that fails the check fails the restore.
    /// </summary>
    [Fact]
    public void ARestoreChecksEachRecordWithACheckingDeserializerAndFailsOnOneThatDoesNotRead()
    {
        var changelog = new RecordingCollector();
        var store = NewLoggedStore(changelog, buffered: true);
        store.Put(W("a", 0, 10), Items("a1", "a2"));
        store.Put(W("b", 5, 5), Items("b1"));
        store.Flush();

        var checking = new CheckingJoinedDeserializer();
        var restored = (ISessionStore<string, Basket>)((IStoreBuilder)Stores.ArenaSessionStore(
                "sessions", TimeSpan.FromMinutes(1), Serdes.String, Serdes.From(new BufferedJoinedSerializer(), checking)))
            .Build(new ChangelogWriter(new RecordingCollector(), Changelog, 0, static () => 0));
        foreach (var (_, key, value) in changelog.Sent)
        {
            ((IRestorableStore)restored).Restore(key!, value);
        }

        Assert.Equal((2, 0), (checking.Checked, checking.Deserialized));
        Assert.Equal([(W("a", 0, 10), "[a1, a2]"), (W("b", 5, 5), "[b1]")], Sessions(restored, "a", "b"));

        var unreadable = SessionKeySchema.EncodeValue(20, Encoding.UTF8.GetBytes("bad!"));
        var failure = Assert.Throws<FormatException>(() => ((IRestorableStore)restored).Restore(SessionKeySchema.EncodeKey("c", 20), unreadable));
        Assert.Contains("bad!", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Sessions(restored, "c"));
    }

    [Fact]
    public void TheChangelogWritesTheHeldBytesAfterTheSessionEnd()
    {
        var serde = BasketSerde(buffered: true);
        var changelog = new RecordingCollector();
        var store = NewLoggedStore(changelog, buffered: true);
        var aggregate = Items("x", "yz");
        store.Put(W("a", 3, 10), aggregate);
        store.Flush();

        var (_, key, value) = Assert.Single(changelog.Sent);
        Assert.Equal(SessionKeySchema.EncodeKey("a", 3), key);
        Assert.Equal("000000000000000A" + Convert.ToHexString(Serialize(serde, aggregate)), Convert.ToHexString(value!));
    }

    [Fact]
    public void CloseEmptiesTheStore()
    {
        var store = NewStore(buffered: true);
        for (var i = 0; i < 1_000; i++)
        {
            store.Put(W($"k{i % 10}", i, i), Items(new string('x', i)));
        }

        Assert.True(store.OffHeapBytes > 0);

        store.Close();

        Assert.Equal(0, store.ApproximateNumEntries);
        Assert.Equal(0, store.OffHeapBytes);
        Assert.Empty(Enumerable.Range(0, 10).SelectMany(i => store.FindSessions($"k{i}", long.MinValue, long.MaxValue)));
        Assert.Null(store.FetchSession("k0", 0, 0));
        Assert.False(store.TryGetSerialized("k0", 0, out _, out _));
        var expired = 0;
        store.ExpireBefore(long.MaxValue, (_, _) => expired++);
        Assert.Equal(0, expired);

        // Empty, not broken: it takes sessions again.
        store.Put(W("k0", 0, 0), Items("again"));
        Assert.Equal([(W("k0", 0, 0), "[again]")], Sessions(store, "k0"));
    }

    [Fact]
    public void ALoggedStoreShowsTheNativeMemoryOfItsArena()
    {
        var store = NewLoggedStore(new RecordingCollector(), buffered: true);
        var empty = ((IOffHeapStore)store).OffHeapBytes;
        for (var i = 0; i < 1_000; i++)
        {
            store.Put(W($"k{i}", i, i), Items(new string('x', 100)));
        }

        // The sessions' bytes live in the arena's first slab, outside the managed heap: a heap probe alone misses them.
        Assert.Equal(0, empty);
        Assert.Equal(SlabArena.FirstSlabSize, ((IOffHeapStore)store).OffHeapBytes);
    }

    private static Windowed<string> W(string key, long start, long end) => new(key, new Window(start, end));

    private static Basket Items(params string[] items) => [.. items];

    private static ArenaSessionStore<string, Basket> NewStore(bool buffered) =>
        (ArenaSessionStore<string, Basket>)((IStoreBuilder)Stores.ArenaSessionStore("sessions", TimeSpan.FromMinutes(1), Serdes.String, BasketSerde(buffered)))
            .Build(null);

    private static ISessionStore<string, Basket> NewLoggedStore(RecordingCollector changelog, bool buffered) =>
        (ISessionStore<string, Basket>)((IStoreBuilder)Stores.ArenaSessionStore("sessions", TimeSpan.FromMinutes(1), Serdes.String, BasketSerde(buffered)))
            .Build(new ChangelogWriter(changelog, Changelog, 0, static () => 0));

    /// <summary>The keys' sessions in order, each with its items shown (a list's equality is its identity).</summary>
    private static List<(Windowed<string>, string)> Sessions(ISessionStore<string, Basket> store, params string[] keys) =>
        [.. keys.SelectMany(key => store.FindSessions(key, long.MinValue, long.MaxValue)).Select(found => (found.Key, Show(found.Value)))];

    private static string Show(Basket aggregate) => $"[{string.Join(", ", aggregate)}]";

    private static byte[] Serialize(Serde<Basket> serde, Basket aggregate) =>
        serde.Serializer.Serialize(aggregate, new SerializationContext(MessageComponentType.Value, Changelog));

    private static Serde<Basket> BasketSerde(bool buffered) =>
        Serdes.From(buffered ? new BufferedJoinedSerializer() : new JoinedSerializer(), new JoinedDeserializer());

    /// <summary>By end, then key: the order expiry hands sessions over in, up to ties, made total.</summary>
    private sealed class SessionOrder : IComparer<Windowed<string>>
    {
        public static SessionOrder Instance { get; } = new();

        public int Compare(Windowed<string> x, Windowed<string> y)
        {
            var byEnd = x.Window.End.CompareTo(y.Window.End);
            return byEnd != 0 ? byEnd : string.CompareOrdinal(x.Key, y.Key);
        }
    }

    /// <summary>A mutable aggregate, as a session's list of events is: what a store hands out can be changed in place.</summary>
    private sealed class Basket : List<string>;

    /// <summary>Its items joined by '|' (no item holds one); the empty basket is no bytes.</summary>
    private class JoinedSerializer : ISerializer<Basket>
    {
        public byte[] Serialize(Basket data, SerializationContext context) => Encoding.UTF8.GetBytes(string.Join('|', data));
    }

    private sealed class BufferedJoinedSerializer : JoinedSerializer, IBufferSerializer<Basket>
    {
        public void Serialize(Basket data, IBufferWriter<byte> output, SerializationContext context) =>
            Encoding.UTF8.GetBytes(string.Join('|', data), output);
    }

    /// <summary>Counts its checks and decodes; a value with a '!' in it does not read.</summary>
    private sealed class CheckingJoinedDeserializer : ICheckingDeserializer<Basket>
    {
        public int Checked { get; private set; }

        public int Deserialized { get; private set; }

        public void Check(ReadOnlySpan<byte> data, SerializationContext context)
        {
            Checked++;
            if (data.Contains((byte)'!'))
            {
                throw new FormatException($"'{Encoding.UTF8.GetString(data)}' is no basket");
            }
        }

        public Basket Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            Deserialized++;
            return data.IsEmpty ? [] : [.. Encoding.UTF8.GetString(data).Split('|')];
        }
    }

    private sealed class JoinedDeserializer : IDeserializer<Basket>
    {
        public Basket Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            data.IsEmpty ? [] : [.. Encoding.UTF8.GetString(data).Split('|')];
    }
}
