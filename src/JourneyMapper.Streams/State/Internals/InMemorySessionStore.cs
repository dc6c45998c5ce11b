using System.Numerics;
using System.Runtime.InteropServices;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Sessions per key as short linked lists (a key rarely has more than one open session), found through a
/// hash table chained through the lists' first sessions, plus a heap ordered by session end for expiry. Heap
/// entries are allowed to go stale when a session grows, merges or is removed: they are checked and re-filed
/// when they reach the top, which keeps one entry per session instead of one per update.
/// </summary>
/// <remarks>
/// Memory per open session is the budget here (under 200 bytes with an 8-byte aggregate). Sessions are structs
/// in one array, linked by index, instead of nodes in a <c>Dictionary&lt;TKey, Session&gt;</c>: no object
/// header, no dictionary entry (24 bytes plus a 4-byte bucket, all doubled just after a resize), and the
/// array grows by half, not by double. It also keeps the garbage collector's work down: a new session is no
/// object of its own, and a young key is written into the array at the next free index, not at a random
/// hash slot, so few cards of the old generation are dirtied and scanned at each gen0 collection.
/// </remarks>
internal sealed class InMemorySessionStore<TKey, TAggregate>(string name) : ISessionStore<TKey, TAggregate>, IPresizableStore
{
    private const int None = -1;
    private const int InitialCapacity = 16;

    // By slot and the slot's version when filed: an entry filed for a session that is gone is recognized as
    // such even after its slot has been reused.
    private readonly PriorityQueue<(int Index, int Version), long> _byEnd = new();
    private Entry[] _sessions = new Entry[InitialCapacity];
    private int _used;
    private int _free = None; // freed slots, chained through Next
    private int[] _buckets = NewBuckets(InitialCapacity); // power-of-two length, at most one key per bucket on average
    private int _bucketShift = 32 - int.Log2(InitialCapacity);
    private int _keys;
    private long _count;

    // Slots put since the last TakeChanged, with their version then; null until TrackChanges.
    private List<(int Index, int Version)>? _changed;

    // The last key looked up and its hash. Put follows a lookup of the same key, with the store's own key
    // instance when it has one: the hash of a string key is computed once, not twice, per record.
    private TKey? _hashedKey;
    private uint _hashedAs;

    public string Name { get; } = name;

    public bool Persistent => false;

    public long ObservedEnd { get; private set; } = long.MinValue;

    public long ApproximateNumEntries => _count;

    public IReadOnlyList<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart)
    {
        var found = new List<KeyValuePair<Windowed<TKey>, TAggregate>>();
        FindSessions(key, earliestSessionEnd, latestSessionStart, found);
        return found;
    }

    public void FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart, List<KeyValuePair<Windowed<TKey>, TAggregate>> found)
    {
        var sessions = _sessions;
        for (var index = FirstSlotOf(key, out _); index != None; index = sessions[index].Next)
        {
            ref var session = ref sessions[index];
            if (session.Start > latestSessionStart)
            {
                return;
            }

            if (session.End >= earliestSessionEnd)
            {
                found.Add(new(new Windowed<TKey>(session.Key, new Window(session.Start, session.End)), session.Aggregate));
            }
        }
    }

    public TAggregate? FetchSession(TKey key, long start, long end)
    {
        var sessions = _sessions;
        for (var index = FirstSlotOf(key, out _); index != None && sessions[index].Start <= start; index = sessions[index].Next)
        {
            if (sessions[index].Start == start)
            {
                return sessions[index].End == end ? sessions[index].Aggregate : default;
            }
        }

        return default;
    }

    /// <summary>Room for <paramref name="entries"/> sessions of as many keys without growing.</summary>
    public void EnsureCapacity(int entries)
    {
        if (entries > _sessions.Length)
        {
            Array.Resize(ref _sessions, entries);
        }

        if (entries > _buckets.Length)
        {
            Rehash((int)BitOperations.RoundUpToPowerOf2((uint)entries));
        }

        _byEnd.EnsureCapacity(entries);
    }

    public void Put(Windowed<TKey> session, TAggregate aggregate) => Put(session, aggregate, changed: true);

    /// <summary>As <see cref="Put(Windowed{TKey}, TAggregate)"/>; a restore puts what the changelog already holds, not a change.</summary>
    public void Put(Windowed<TKey> session, TAggregate aggregate, bool changed)
    {
        var (key, window) = (session.Key, session.Window);
        ObservedEnd = Math.Max(ObservedEnd, window.End);

        // Before any ref into the array is taken: growing it would leave such a ref pointing into the old one.
        if (_free == None && _used == _sessions.Length)
        {
            Array.Resize(ref _sessions, _sessions.Length + (_sessions.Length / 2));
        }

        var sessions = _sessions;
        ref var first = ref FirstSlotOf(key, out var hash);
        if (first == None)
        {
            first = New(key, hash, window, aggregate, next: None, changed);
            if (++_keys > _buckets.Length)
            {
                Rehash(_buckets.Length * 2);
            }

            return;
        }

        var previous = None;
        var current = first;
        while (current != None && sessions[current].Start < window.Start)
        {
            previous = current;
            current = sessions[current].Next;
        }

        if (current != None && sessions[current].Start == window.Start)
        {
            // Same session grown: its heap entry is now early, which expiry tolerates by re-filing it.
            // Rewritten shorter, it needs an entry under its new end or it would expire late.
            ref var existing = ref sessions[current];
            if (window.End < existing.End)
            {
                _byEnd.Enqueue((current, existing.Version), window.End);
            }

            existing.End = window.End;
            existing.Aggregate = aggregate;
            if (changed)
            {
                MarkChanged(current);
            }

            return;
        }

        // All of a key's sessions share the first one's key instance, so callers that reuse it hold no other.
        var added = New(sessions[first].Key, hash, window, aggregate, current, changed);
        if (previous != None)
        {
            sessions[previous].Next = added;
            return;
        }

        sessions[added].NextInBucket = sessions[first].NextInBucket;
        first = added;
    }

    public void Remove(Windowed<TKey> session)
    {
        var sessions = _sessions;
        ref var first = ref FirstSlotOf(session.Key, out _);
        var previous = None;
        for (var current = first; current != None; previous = current, current = sessions[current].Next)
        {
            if (sessions[current].Start == session.Window.Start && sessions[current].End == session.Window.End)
            {
                Unlink(ref first, previous, current);
                return;
            }
        }
    }

    public void ExpireBefore(long time, Action<Windowed<TKey>, TAggregate> onExpired)
    {
        while (_byEnd.TryPeek(out var filed, out var end) && end < time)
        {
            _byEnd.Dequeue();
            var (index, version) = filed;
            var sessions = _sessions; // again each time: onExpired may put, and a put may grow the array
            if (sessions[index].Version != version)
            {
                continue;
            }

            var (key, window, aggregate) = (sessions[index].Key, new Window(sessions[index].Start, sessions[index].End), sessions[index].Aggregate);
            if (window.End != end)
            {
                // Changed since it was filed: file it again under its true end, so sessions leave in end order.
                _byEnd.Enqueue(filed, window.End);
                continue;
            }

            ref var first = ref FirstSlotOf(key, out _);
            var previous = None;
            for (var current = first; current != index; current = sessions[current].Next)
            {
                previous = current;
            }

            Unlink(ref first, previous, index);
            onExpired(new Windowed<TKey>(key, window), aggregate);
        }
    }

    public void Flush()
    {
    }

    public void Close()
    {
        (_sessions, _used, _free) = (new Entry[InitialCapacity], 0, None);
        (_buckets, _bucketShift, _keys) = (NewBuckets(InitialCapacity), 32 - int.Log2(InitialCapacity), 0);
        _byEnd.Clear();
        _changed?.Clear();
        (_count, _hashedKey) = (0, default);
    }

    /// <summary>Needs a free slot or spare capacity: Put makes sure of it.</summary>
    private int New(TKey key, uint hash, Window window, TAggregate aggregate, int next, bool changed)
    {
        var index = _free;
        if (index == None)
        {
            index = _used++;
        }
        else
        {
            _free = _sessions[index].Next;
        }

        ref var session = ref _sessions[index];
        (session.Key, session.Hash, session.Start, session.End, session.Aggregate, session.Next, session.NextInBucket) =
            (key, hash, window.Start, window.End, aggregate, next, None);
        _count++;
        _byEnd.Enqueue((index, session.Version), window.End);
        if (changed)
        {
            MarkChanged(index);
        }

        return index;
    }

    /// <summary>From now on, remember the sessions put, for <see cref="TakeChanged"/>.</summary>
    public void TrackChanges() => _changed ??= [];

    /// <summary>
    /// Hands over each session put since the last call that the store still holds, once however often it was put, and
    /// forgets them. A session removed or expired since is not handed over: its slot's version moved on.
    /// </summary>
    public void TakeChanged(Action<TKey, Window, TAggregate> changed)
    {
        var sessions = _sessions;
        foreach (var (index, version) in CollectionsMarshal.AsSpan(_changed))
        {
            ref var session = ref sessions[index];
            if (session.Version == version && session.Changed)
            {
                session.Changed = false;
                changed(session.Key, new Window(session.Start, session.End), session.Aggregate);
            }
        }

        _changed?.ClearKeepingRoom();
    }

    // Listed once until taken: the flag is on the entry the put just wrote, so marking costs no lookup.
    private void MarkChanged(int index)
    {
        ref var session = ref _sessions[index];
        if (_changed is not null && !session.Changed)
        {
            session.Changed = true;
            _changed.Add((index, session.Version));
        }
    }

    private void Unlink(ref int first, int previous, int index)
    {
        var sessions = _sessions;
        ref var session = ref sessions[index];
        _count--;
        if (previous != None)
        {
            sessions[previous].Next = session.Next;
        }
        else if (session.Next == None)
        {
            first = session.NextInBucket;
            _keys--;
        }
        else
        {
            sessions[session.Next].NextInBucket = session.NextInBucket;
            first = session.Next;
        }

        // A freed slot keeps nothing alive, and its heap entries are skipped from now on.
        session = new Entry { Next = _free, Version = unchecked(session.Version + 1) };
        _free = index;
    }

    /// <summary>A ref, not the index, so that unlinking or replacing a key's first session needs no second walk.</summary>
    private ref int FirstSlotOf(TKey key, out uint hash)
    {
        // A remembered hash is only trusted when it finds the key: a wrong one (a key mutated in place, or a
        // caller on another thread tearing the pair) then costs a second walk, never a key filed twice.
        if (!typeof(TKey).IsValueType && ReferenceEquals(_hashedKey, key) && key is not null)
        {
            hash = _hashedAs;
            ref var remembered = ref SlotOf(key, hash);
            if (remembered != None)
            {
                return ref remembered;
            }
        }

        hash = HashOf(key);
        ref var slot = ref SlotOf(key, hash);
        if (!typeof(TKey).IsValueType)
        {
            (_hashedKey, _hashedAs) = (slot == None ? key : _sessions[slot].Key, hash);
        }

        return ref slot;
    }

    private ref int SlotOf(TKey key, uint hash)
    {
        var sessions = _sessions;
        ref var slot = ref _buckets[(int)(hash >> _bucketShift)];
        while (slot != None && (sessions[slot].Hash != hash || !EqualityComparer<TKey>.Default.Equals(sessions[slot].Key, key)))
        {
            slot = ref sessions[slot].NextInBucket;
        }

        return ref slot;
    }

    private void Rehash(int length)
    {
        var shift = 32 - int.Log2(length);
        var buckets = NewBuckets(length);
        var sessions = _sessions;
        foreach (var chain in _buckets)
        {
            for (var first = chain; first != None;)
            {
                ref var session = ref sessions[first];
                var next = session.NextInBucket;
                ref var bucket = ref buckets[(int)(session.Hash >> shift)];
                session.NextInBucket = bucket;
                bucket = first;
                first = next;
            }
        }

        (_buckets, _bucketShift) = (buckets, shift);
    }

    private static int[] NewBuckets(int length)
    {
        var buckets = new int[length];
        Array.Fill(buckets, None);
        return buckets;
    }

    // Fibonacci hashing: buckets are the top bits of the hash code times 2^32/phi, so keys whose hash codes
    // differ only in their high bits (integers, for one) still spread over a power-of-two table.
    private static uint HashOf(TKey key) =>
        unchecked((uint)(key is null ? 0 : EqualityComparer<TKey>.Default.GetHashCode(key)) * 0x9E3779B9u);

    private struct Entry
    {
        public TKey Key;
        public uint Hash; // kept, as it fits in the struct's padding: no rehashing on growth, and fewer key compares
        public long Start;
        public long End;
        public TAggregate Aggregate;
        public int Next; // the key's next session by start
        public int NextInBucket; // the next key's first session; meaningful on first sessions only
        public int Version; // of the slot: changes when the slot is freed
        public bool Changed; // listed for TakeChanged; in the struct's padding
    }
}
