using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Sessions per key as short linked lists (a key rarely has more than one open session), found through a
/// hash table chained through the lists' first nodes, plus a heap ordered by session end for expiry. Heap
/// entries are allowed to go stale when a session grows or merges: they are checked and re-filed when they
/// reach the top, which keeps one entry per session instead of one per update.
/// </summary>
/// <remarks>
/// Memory per open session is the budget here (under 200 bytes with an 8-byte aggregate), so the table is
/// built into the session nodes instead of being a <c>Dictionary&lt;TKey, Session&gt;</c>: a node already
/// holds its key, and one more reference in it costs 8 bytes where a dictionary entry costs 24 plus a
/// 4-byte bucket, all of it doubled just after a resize.
/// </remarks>
internal sealed class InMemorySessionStore<TKey, TAggregate>(string name) : ISessionStore<TKey, TAggregate>
{
    private const long Unlinked = long.MinValue;
    private const int InitialBuckets = 16;

    private readonly PriorityQueue<Session, long> _byEnd = new();

    // Power-of-two length, at most one key per bucket on average; each chain links the first session of each
    // key that hashes there.
    private Session?[] _buckets = new Session?[InitialBuckets];
    private int _bucketShift = 32 - int.Log2(InitialBuckets);
    private int _keys;
    private long _count;

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
        for (var session = FirstOf(key); session is not null && session.Start <= latestSessionStart; session = session.Next)
        {
            if (session.End >= earliestSessionEnd)
            {
                found.Add(new(new Windowed<TKey>(session.Key, new Window(session.Start, session.End)), session.Aggregate));
            }
        }
    }

    public TAggregate? FetchSession(TKey key, long start, long end)
    {
        for (var session = FirstOf(key); session is not null && session.Start <= start; session = session.Next)
        {
            if (session.Start == start)
            {
                return session.End == end ? session.Aggregate : default;
            }
        }

        return default;
    }

    public void Put(Windowed<TKey> session, TAggregate aggregate)
    {
        var (key, window) = (session.Key, session.Window);
        ObservedEnd = Math.Max(ObservedEnd, window.End);
        ref var first = ref FirstSlotOf(key);
        if (first is null)
        {
            first = New(key, window, aggregate, next: null);
            if (++_keys > _buckets.Length)
            {
                Grow();
            }

            return;
        }

        Session? previous = null;
        var current = first;
        while (current is not null && current.Start < window.Start)
        {
            previous = current;
            current = current.Next;
        }

        if (current is not null && current.Start == window.Start)
        {
            // Same session grown: its heap entry is now early, which expiry tolerates by re-filing it.
            // Rewritten shorter, it needs an entry under its new end or it would expire late.
            if (window.End < current.End)
            {
                _byEnd.Enqueue(current, window.End);
            }

            current.End = window.End;
            current.Aggregate = aggregate;
            return;
        }

        // All of a key's sessions share the first one's key instance, so callers that reuse it hold no other.
        var added = New(first.Key, window, aggregate, current);
        if (previous is not null)
        {
            previous.Next = added;
            return;
        }

        added.NextInBucket = first.NextInBucket;
        first.NextInBucket = null;
        first = added;
    }

    public void Remove(Windowed<TKey> session)
    {
        ref var first = ref FirstSlotOf(session.Key);
        Session? previous = null;
        for (var current = first; current is not null; previous = current, current = current.Next)
        {
            if (current.Start == session.Window.Start && current.End == session.Window.End)
            {
                Unlink(ref first, previous, current);
                return;
            }
        }
    }

    public void ExpireBefore(long time, Action<Windowed<TKey>, TAggregate> onExpired)
    {
        while (_byEnd.TryPeek(out var session, out var end) && end < time)
        {
            _byEnd.Dequeue();
            if (session.End == Unlinked)
            {
                continue;
            }

            if (session.End != end)
            {
                // Changed since it was filed: file it again under its true end, so sessions leave in end order.
                _byEnd.Enqueue(session, session.End);
                continue;
            }

            var window = new Window(session.Start, session.End);
            ref var first = ref FirstSlotOf(session.Key);
            Session? previous = null;
            for (var current = first; current != session; current = current!.Next)
            {
                previous = current;
            }

            Unlink(ref first, previous, session);
            onExpired(new Windowed<TKey>(session.Key, window), session.Aggregate);
        }
    }

    public void Flush()
    {
    }

    public void Close()
    {
        _buckets = new Session?[InitialBuckets];
        _bucketShift = 32 - int.Log2(InitialBuckets);
        _keys = 0;
        _byEnd.Clear();
        _count = 0;
    }

    private Session New(TKey key, Window window, TAggregate aggregate, Session? next)
    {
        _count++;
        var session = new Session(key, window.Start, window.End, aggregate, next);
        _byEnd.Enqueue(session, window.End);
        return session;
    }

    private void Unlink(ref Session? first, Session? previous, Session session)
    {
        session.End = Unlinked; // its heap entries are skipped from now on
        _count--;
        if (previous is not null)
        {
            previous.Next = session.Next;
        }
        else if (session.Next is null)
        {
            first = session.NextInBucket;
            _keys--;
        }
        else
        {
            session.Next.NextInBucket = session.NextInBucket;
            first = session.Next;
        }

        // The node waits in the heap until its entry surfaces; it should not keep other nodes alive meanwhile.
        session.Next = null;
        session.NextInBucket = null;
    }

    private Session? FirstOf(TKey key) => FirstSlotOf(key);

    /// <summary>The reference to the key's first session (null if it has none), where an insert or unlink writes.</summary>
    private ref Session? FirstSlotOf(TKey key)
    {
        ref var slot = ref _buckets[BucketOf(key, _bucketShift)];
        while (slot is not null && !EqualityComparer<TKey>.Default.Equals(slot.Key, key))
        {
            slot = ref slot.NextInBucket;
        }

        return ref slot;
    }

    private void Grow()
    {
        var shift = _bucketShift - 1;
        var buckets = new Session?[_buckets.Length * 2];
        foreach (var chain in _buckets)
        {
            for (var first = chain; first is not null;)
            {
                var next = first.NextInBucket;
                ref var bucket = ref buckets[BucketOf(first.Key, shift)];
                first.NextInBucket = bucket;
                bucket = first;
                first = next;
            }
        }

        (_buckets, _bucketShift) = (buckets, shift);
    }

    // Fibonacci hashing: takes the top bits of the hash times 2^32/phi, so keys whose hash codes differ only in
    // their high bits (integers, for one) still spread over a power-of-two table.
    private static int BucketOf(TKey key, int shift) =>
        (int)(unchecked((uint)(key is null ? 0 : EqualityComparer<TKey>.Default.GetHashCode(key)) * 0x9E3779B9u) >> shift);

    private sealed class Session(TKey key, long start, long end, TAggregate aggregate, Session? next)
    {
        // Fields rather than properties: the hash table links are written through refs.
        public readonly TKey Key = key;
        public readonly long Start = start;
        public long End = end;
        public TAggregate Aggregate = aggregate;
        public Session? Next = next;
        public Session? NextInBucket;
    }
}
