using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Records which sessions changed, expired or were removed and, on flush, writes their current state to
/// the changelog (a tombstone for a session that is gone), so a restore rebuilds exactly the open sessions.
/// Sessions are identified by key and start: a session that grows keeps its identity.
/// </summary>
internal sealed class ChangeLoggingSessionStore<TKey, TAggregate>(
    ISessionStore<TKey, TAggregate> inner, Serde<TKey> keySerde, Serde<TAggregate> aggregateSerde, ChangelogWriter changelog)
    : ISessionStore<TKey, TAggregate>, IRestorableStore, IOffHeapStore
{
    // Sessions (by key and start) changed since the last flush; only those removed or expired where the store remembers
    // the sessions put (a store holding them serialized).
    private readonly HashSet<(TKey Key, long Start)> _dirty = [];
    private readonly List<KeyValuePair<Windowed<TKey>, TAggregate>> _found = [];
    private readonly ISerializedSessionStore<TKey>? _serialized = TrackingChanges(inner as ISerializedSessionStore<TKey>);
    private SerializedSessionAction<TKey>? _writeChanged;
    private Action<Windowed<TKey>, TAggregate>? _markExpired;
    private Action<Windowed<TKey>, TAggregate>? _onExpired;

    public string Name => inner.Name;

    public string RestoreTopic => changelog.Topic;

    public bool Persistent => inner.Persistent;

    public long ObservedEnd => inner.ObservedEnd;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public long OffHeapBytes => inner is IOffHeapStore offHeap ? offHeap.OffHeapBytes : 0;

    public IReadOnlyList<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart) =>
        inner.FindSessions(key, earliestSessionEnd, latestSessionStart);

    public void FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart, List<KeyValuePair<Windowed<TKey>, TAggregate>> found) =>
        inner.FindSessions(key, earliestSessionEnd, latestSessionStart, found);

    public TAggregate? FetchSession(TKey key, long start, long end) => inner.FetchSession(key, start, end);

    public void Put(Windowed<TKey> session, TAggregate aggregate)
    {
        inner.Put(session, aggregate);
        if (_serialized is null)
        {
            _dirty.Add((session.Key, session.Window.Start));
        }
    }

    public void Remove(Windowed<TKey> session)
    {
        inner.Remove(session);
        _dirty.Add((session.Key, session.Window.Start));
    }

    public void ExpireBefore(long time, Action<Windowed<TKey>, TAggregate> onExpired)
    {
        // Called once per record: one delegate for the store's life, not a closure (~100 bytes) per call.
        _onExpired = onExpired;
        inner.ExpireBefore(time, _markExpired ??= MarkExpired);
    }

    private void MarkExpired(Windowed<TKey> session, TAggregate aggregate)
    {
        _dirty.Add((session.Key, session.Window.Start));
        _onExpired!(session, aggregate);
    }

    public void Flush()
    {
        // Sessions removed first, then those put: one removed and put again within the commit ends as put.
        foreach (var (key, start) in _dirty)
        {
            changelog.Write(KeyOf(key, start), ValueOf(key, start));
        }

        _dirty.ClearKeepingRoom();
        _serialized?.TakeChanged(_writeChanged ??= WriteChanged);
        inner.Flush();
    }

    private void WriteChanged(TKey key, Window window, ReadOnlySpan<byte> aggregate) =>
        changelog.Write(KeyOf(key, window.Start), SessionKeySchema.EncodeValue(window.End, aggregate));

    private byte[] KeyOf(TKey key, long start) => key is string text && ReferenceEquals(keySerde, Serdes.String)
        ? SessionKeySchema.EncodeKey(text, start)
        : SessionKeySchema.EncodeKey(keySerde.Serializer.Serialize(key, new SerializationContext(MessageComponentType.Key, changelog.Topic)), start);

    private static ISerializedSessionStore<TKey>? TrackingChanges(ISerializedSessionStore<TKey>? store)
    {
        store?.TrackChanges();
        return store;
    }

    // What the store holds now decides, not what the wrapper saw: a default aggregate (a count of 0) is still a
    // session, and a removal of a window the store never held removes nothing. A store holding the aggregate
    // serialized hands over its bytes, with no round trip through the serde.
    private byte[]? ValueOf(TKey key, long start)
    {
        if (_serialized is { } serialized)
        {
            return serialized.TryGetSerialized(key, start, out var end, out var aggregate) ? SessionKeySchema.EncodeValue(end, aggregate) : null;
        }

        byte[]? value = null;
        _found.Clear();
        inner.FindSessions(key, start, start, _found);
        foreach (var (session, aggregate) in _found)
        {
            if (session.Window.Start == start)
            {
                value = EncodeValue(session.Window.End, aggregate);
            }
        }

        return value;
    }

    public void Close() => inner.Close();

    // One array per changelog value where the serde allows it: Int64 counts directly, others behind room for the end.
    private byte[] EncodeValue(long end, TAggregate aggregate)
    {
        if (aggregate is long number && ReferenceEquals(aggregateSerde, Serdes.Int64))
        {
            return SessionKeySchema.EncodeValue(end, number);
        }

        var context = new SerializationContext(MessageComponentType.Value, changelog.Topic);
        return aggregateSerde.Serializer is IPrefixSerializer<TAggregate> prefixed
            ? SessionKeySchema.EncodeValueInPlace(end, prefixed.Serialize(aggregate, SessionKeySchema.TimeLength, context))
            : SessionKeySchema.EncodeValue(end, aggregateSerde.Serializer.Serialize(aggregate, context));
    }

    // Growing the index step by step took a tenth of a restore's applying thread. Room for this many sessions is about
    // 4 MiB: what a store can be left holding in excess where a changelog holds many records per live session.
    private const int MostPresized = 1 << 16;

    public void RestoreStarting(long records)
    {
        if (inner is IPresizableStore presizable)
        {
            presizable.EnsureCapacity((int)Math.Min(records, MostPresized));
        }
    }

    public void Restore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
    {
        var rawKey = SessionKeySchema.DecodeKey(key, out var start);
        var typedKey = keySerde.Deserializer.Deserialize(rawKey, false, new SerializationContext(MessageComponentType.Key, changelog.Topic));
        if (isTombstone)
        {
            foreach (var (session, _) in inner.FindSessions(typedKey, start, start))
            {
                if (session.Window.Start == start)
                {
                    inner.Remove(session);
                }
            }

            return;
        }

        var aggregate = SessionKeySchema.DecodeValue(value, out var end);
        var context = new SerializationContext(MessageComponentType.Value, changelog.Topic);
        var restored = new Windowed<TKey>(typedKey, new Window(start, end));
        if (_serialized is { } serialized)
        {
            // Checked (or decoded and dropped) all the same: a record the serde cannot read fails the restore, not a later read.
            if (aggregateSerde.Deserializer is ICheckingDeserializer<TAggregate> checking)
            {
                checking.Check(aggregate, context);
            }
            else
            {
                aggregateSerde.Deserializer.Deserialize(aggregate, false, context);
            }

            serialized.PutSerialized(restored, aggregate);
            return;
        }

        inner.Put(restored, aggregateSerde.Deserializer.Deserialize(aggregate, false, context));
    }
}
