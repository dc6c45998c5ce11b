using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

// Store keys are never null: windowed and grouped steps dead-letter null-key records before they reach a
// store, so the dictionary's non-null key constraint holds at run time.
#pragma warning disable CS8714

/// <summary>
/// Sessions per key in a dictionary of short linked lists (a key rarely has more than one open session),
/// plus a heap ordered by session end for expiry. Heap entries are allowed to go stale when a session
/// grows or merges: they are checked and re-filed when they reach the top, which keeps one entry per
/// session instead of one per update.
/// </summary>
internal sealed class InMemorySessionStore<TKey, TAggregate>(string name) : ISessionStore<TKey, TAggregate>
{
    private readonly Dictionary<TKey, Session> _sessions = [];
    private const long Unlinked = long.MinValue;
    private readonly PriorityQueue<Session, long> _byEnd = new();
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
        _sessions.TryGetValue(key, out var session);
        for (; session is not null && session.Start <= latestSessionStart; session = session.Next)
        {
            if (session.End >= earliestSessionEnd)
            {
                found.Add(new(new Windowed<TKey>(session.Key, new Window(session.Start, session.End)), session.Aggregate));
            }
        }
    }

    public TAggregate? FetchSession(TKey key, long start, long end)
    {
        var session = Find(key, start);
        return session is not null && session.End == end ? session.Aggregate : default;
    }

    public void Put(Windowed<TKey> session, TAggregate aggregate)
    {
        var (key, window) = (session.Key, session.Window);
        ObservedEnd = Math.Max(ObservedEnd, window.End);
        if (!_sessions.TryGetValue(key, out var head))
        {
            _sessions[key] = New(key, window, aggregate, next: null);
            return;
        }

        Session? previous = null;
        var current = head;
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

        var added = New(head.Key, window, aggregate, current);
        if (previous is null)
        {
            _sessions[key] = added;
        }
        else
        {
            previous.Next = added;
        }
    }

    public void Remove(Windowed<TKey> session)
    {
        if (!_sessions.TryGetValue(session.Key, out var head))
        {
            return;
        }

        Session? previous = null;
        for (var current = head; current is not null; previous = current, current = current.Next)
        {
            if (current.Start == session.Window.Start && current.End == session.Window.End)
            {
                Unlink(previous, current);
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
            Unlink(PreviousOf(session), session);
            onExpired(new Windowed<TKey>(session.Key, window), session.Aggregate);
        }
    }

    public void Flush()
    {
    }

    public void Close()
    {
        _sessions.Clear();
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

    private Session? PreviousOf(Session session)
    {
        Session? previous = null;
        for (var current = _sessions[session.Key]; current != session; current = current.Next!)
        {
            previous = current;
        }

        return previous;
    }

    private void Unlink(Session? previous, Session session)
    {
        var key = session.Key;
        session.End = Unlinked; // its heap entries are skipped from now on
        _count--;
        if (previous is not null)
        {
            previous.Next = session.Next;
        }
        else if (session.Next is null)
        {
            _sessions.Remove(key);
        }
        else
        {
            _sessions[key] = session.Next;
        }
    }

    private Session? Find(TKey key, long start) => FindWithPrevious(key, start).Session;

    private (Session? Session, Session? Previous) FindWithPrevious(TKey key, long start)
    {
        if (!_sessions.TryGetValue(key, out var current))
        {
            return (null, null);
        }

        Session? previous = null;
        for (; current is not null && current.Start <= start; previous = current, current = current.Next)
        {
            if (current.Start == start)
            {
                return (current, previous);
            }
        }

        return (null, null);
    }

    private sealed class Session(TKey key, long start, long end, TAggregate aggregate, Session? next)
    {
        public TKey Key { get; } = key;

        public long Start { get; } = start;

        public long End { get; set; } = end;

        public TAggregate Aggregate { get; set; } = aggregate;

        public Session? Next { get; set; } = next;
    }
}
