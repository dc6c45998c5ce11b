using System.Buffers;
using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Sessions held serialized, in a <see cref="SlabArena"/>, as Kafka Streams' own stores hold bytes: every read
/// deserializes the aggregate and every put serializes it. What a read returns is the caller's own short-lived copy.
/// The price is a serde round trip per record; the gain is that the collector never sees the open sessions, which
/// for an aggregate that is an object graph (a list per session, growing with every record) is most of its work.
/// </summary>
internal sealed class ArenaSessionStore<TKey, TAggregate>(string name, Serde<TAggregate> aggregateSerde)
    : ISessionStore<TKey, TAggregate>, ISerializedSessionStore<TKey>, IPresizableStore, IOffHeapStore
{
    // A session whose aggregate is null holds no block: it reads back as the deserializer reads a null.
    private const int NullAggregate = SlabArena.None;

    private readonly InMemorySessionStore<TKey, int> _index = new(name);
    private readonly SlabArena _arena = new();
    private readonly List<KeyValuePair<Windowed<TKey>, int>> _handles = [];
    private SerializationContext _context = new(MessageComponentType.Value, name);
    private readonly ArrayBufferWriter<byte> _written = new();
    private Action<Windowed<TKey>, int>? _expire;
    private Action<Windowed<TKey>, TAggregate>? _onExpired;
    private Action<TKey, Window, int>? _takeChanged;
    private SerializedSessionAction<TKey>? _changedAction;

    public string Name => name;

    public bool Persistent => false;

    public long ObservedEnd => _index.ObservedEnd;

    public long ApproximateNumEntries => _index.ApproximateNumEntries;

    /// <summary>Bytes of the slabs holding the sessions: part of the store's memory the session count does not show.</summary>
    public long OffHeapBytes => _arena.Capacity;

    public void EnsureCapacity(int entries) => _index.EnsureCapacity(entries);

    public void SerializeFor(string topic) => _context = new SerializationContext(MessageComponentType.Value, topic);

    public IReadOnlyList<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart)
    {
        var found = new List<KeyValuePair<Windowed<TKey>, TAggregate>>();
        FindSessions(key, earliestSessionEnd, latestSessionStart, found);
        return found;
    }

    public void FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart, List<KeyValuePair<Windowed<TKey>, TAggregate>> found)
    {
        _handles.Clear();
        _index.FindSessions(key, earliestSessionEnd, latestSessionStart, _handles);
        foreach (var (session, handle) in _handles)
        {
            found.Add(new(session, Read(handle)));
        }
    }

    public TAggregate? FetchSession(TKey key, long start, long end) =>
        HandleOf(key, start, out var handle, out var found) && found.End == end ? Read(handle) : default;

    public void Put(Windowed<TKey> session, TAggregate aggregate) =>
        Put(session, aggregate is null ? default : Serialize(aggregate), isNull: aggregate is null, changed: true);

    public void PutSerialized(Windowed<TKey> session, ReadOnlySpan<byte> aggregate) => Put(session, aggregate, isNull: false, changed: false);

    private void Put(Windowed<TKey> session, ReadOnlySpan<byte> aggregate, bool isNull, bool changed)
    {
        var found = HandleOf(session.Key, session.Window.Start, out var existing, out _) && existing != NullAggregate;
        if (isNull && found)
        {
            _arena.Free(existing);
        }

        var handle = isNull ? NullAggregate : found ? _arena.Replace(existing, aggregate) : _arena.Allocate(aggregate);
        _index.Put(session, handle, changed);
    }

    public bool TryGetSerialized(TKey key, long start, out long end, out ReadOnlySpan<byte> aggregate)
    {
        var found = HandleOf(key, start, out var handle, out var window);
        end = window.End;
        aggregate = found && handle != NullAggregate ? _arena.Read(handle) : default;
        return found;
    }

    public void TrackChanges() => _index.TrackChanges();

    public void TakeChanged(SerializedSessionAction<TKey> changed)
    {
        _changedAction = changed;
        _index.TakeChanged(_takeChanged ??= TakeChanged);
    }

    private void TakeChanged(TKey key, Window window, int handle) =>
        _changedAction!(key, window, handle == NullAggregate ? default : _arena.Read(handle));

    public void Remove(Windowed<TKey> session)
    {
        if (HandleOf(session.Key, session.Window.Start, out var handle, out var window) && window.End == session.Window.End)
        {
            _index.Remove(session);
            Free(handle);
        }
    }

    public void ExpireBefore(long time, Action<Windowed<TKey>, TAggregate> onExpired)
    {
        _onExpired = onExpired;
        _index.ExpireBefore(time, _expire ??= Expire);
    }

    public void Flush()
    {
    }

    public void Close()
    {
        _index.Close();
        _arena.Clear();
    }

    private void Expire(Windowed<TKey> session, int handle)
    {
        var aggregate = Read(handle);
        Free(handle);
        _onExpired!(session, aggregate);
    }

    private ReadOnlySpan<byte> Serialize(TAggregate aggregate)
    {
        if (aggregateSerde.Serializer is not IBufferSerializer<TAggregate> buffered)
        {
            return aggregateSerde.Serializer.Serialize(aggregate, _context);
        }

        _written.ResetWrittenCount();
        buffered.Serialize(aggregate, _written, _context);
        return _written.WrittenSpan;
    }

    private TAggregate Read(int handle) => handle == NullAggregate
        ? aggregateSerde.Deserializer.Deserialize(default, true, _context)
        : aggregateSerde.Deserializer.Deserialize(_arena.Read(handle), false, _context);

    private void Free(int handle)
    {
        if (handle != NullAggregate)
        {
            _arena.Free(handle);
        }
    }

    private bool HandleOf(TKey key, long start, out int handle, out Window window)
    {
        _handles.Clear();
        _index.FindSessions(key, start, start, _handles);
        foreach (var (session, found) in _handles)
        {
            if (session.Window.Start == start)
            {
                (handle, window) = (found, session.Window);
                return true;
            }
        }

        (handle, window) = (SlabArena.None, default);
        return false;
    }
}
