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
    private readonly PriorityQueue<(TKey Key, long Start), long> _byEnd = new();
    private long _count;

    public string Name { get; } = name;

    public bool Persistent => false;

    public long ObservedEnd { get; private set; } = long.MinValue;

    public long ApproximateNumEntries => _count;

    public IReadOnlyList<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart)
    {
        if (!_sessions.TryGetValue(key, out var session))
        {
            return [];
        }

        List<KeyValuePair<Windowed<TKey>, TAggregate>>? found = null;
        for (; session is not null && session.Start <= latestSessionStart; session = session.Next)
        {
            if (session.End >= earliestSessionEnd)
            {
                found ??= new List<KeyValuePair<Windowed<TKey>, TAggregate>>(1);
                found.Add(new(new Windowed<TKey>(key, new Window(session.Start, session.End)), session.Aggregate));
            }
        }

        return found is null ? [] : found;
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
                _byEnd.Enqueue((key, window.Start), window.End);
            }

            current.End = window.End;
            current.Aggregate = aggregate;
            return;
        }

        var added = New(key, window, aggregate, current);
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
                Unlink(session.Key, previous, current);
                return;
            }
        }
    }

    public void ExpireBefore(long time, Action<Windowed<TKey>, TAggregate> onExpired)
    {
        while (_byEnd.TryPeek(out var entry, out var end) && end < time)
        {
            _byEnd.Dequeue();
            var (session, previous) = FindWithPrevious(entry.Key, entry.Start);
            if (session is null)
            {
                continue;
            }

            if (session.End >= time)
            {
                _byEnd.Enqueue(entry, session.End);
                continue;
            }

            if (session.End != end)
            {
                // Grew since it was filed, but still expires: file it again under its true end so that
                // sessions leave in end order.
                _byEnd.Enqueue(entry, session.End);
                continue;
            }

            Unlink(entry.Key, previous, session);
            onExpired(new Windowed<TKey>(entry.Key, new Window(session.Start, session.End)), session.Aggregate);
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
        _byEnd.Enqueue((key, window.Start), window.End);
        return new Session(window.Start, window.End, aggregate, next);
    }

    private void Unlink(TKey key, Session? previous, Session session)
    {
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

    private sealed class Session(long start, long end, TAggregate aggregate, Session? next)
    {
        public long Start { get; } = start;

        public long End { get; set; } = end;

        public TAggregate Aggregate { get; set; } = aggregate;

        public Session? Next { get; set; } = next;
    }
}
