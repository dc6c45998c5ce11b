using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// The running state of one open session: everything the rules and the segment need, kept small because every open
/// session of every customer lives in memory. Counts cover all events; the entries (for the path and the event ids)
/// are the first <c>cap</c> in event-time order, so any arrival order and any merge order give the same session.
/// </summary>
public sealed class JourneySession
{
    private SessionEntry[] _entries = [];

    public string? UserId { get; internal set; }

    public string? AnonymousId { get; internal set; }

    public long Start { get; internal set; } = long.MaxValue;

    public long End { get; internal set; } = long.MinValue;

    public int EventCount { get; internal set; }

    /// <summary>Per canonical event type (<see cref="EventTypes"/>), plus the last slot for all others.</summary>
    internal int[] TypeCounts { get; } = new int[EventTypes.Count + 1];

    /// <summary>Counts of event types outside the canonical list, which are kept and counted, never rejected.</summary>
    internal SmallCounter<string> OtherTypes { get; } = new();

    /// <summary>Every product the session touched, with how often it was viewed.</summary>
    internal SmallCounter<string> ProductViews { get; } = new();

    /// <summary>Events per page, by a stable hash of the URL: the rules need the repeats, not the text.</summary>
    internal SmallCounter<long> PageHits { get; } = new();

    internal int EntryCount { get; private set; }

    /// <summary>The first events in event-time order, at most the cap the session was built with.</summary>
    public ReadOnlySpan<SessionEntry> Entries => _entries.AsSpan(0, EntryCount);

    /// <summary>The primary segment last announced for this open session, and how many revisions went out.</summary>
    public string? AnnouncedPrimary { get; internal set; }

    public int Revision { get; internal set; }

    public void Add(ClickEvent clickEvent, long timestamp, int cap)
    {
        UserId ??= string.IsNullOrEmpty(clickEvent.UserId) ? null : clickEvent.UserId;
        AnonymousId ??= string.IsNullOrEmpty(clickEvent.AnonymousId) ? null : clickEvent.AnonymousId;
        Start = Math.Min(Start, timestamp);
        End = Math.Max(End, timestamp);
        EventCount++;

        var eventType = clickEvent.EventType ?? string.Empty;
        var index = EventTypes.IndexOf(eventType);
        TypeCounts[index < 0 ? EventTypes.Count : index]++;
        if (index < 0)
        {
            OtherTypes.Add(eventType, 1);
        }
        else
        {
            // The entry keeps the list's own instance, so that sessions share one string per canonical type.
            eventType = EventTypes.Canonical[index];
        }

        if (!string.IsNullOrEmpty(clickEvent.ProductId))
        {
            ProductViews.Add(clickEvent.ProductId, index == EventTypes.ProductView ? 1 : 0);
        }

        if (!string.IsNullOrEmpty(clickEvent.PageUrl))
        {
            PageHits.Add(StableHash.Of(clickEvent.PageUrl), 1);
        }

        Insert(new SessionEntry(timestamp, clickEvent.EventId ?? string.Empty, eventType), cap);
    }

    /// <summary>Adds <paramref name="other"/>, a session an event just bridged to this one.</summary>
    public void Merge(JourneySession other, int cap)
    {
        UserId ??= other.UserId;
        AnonymousId ??= other.AnonymousId;
        Start = Math.Min(Start, other.Start);
        End = Math.Max(End, other.End);
        EventCount += other.EventCount;
        for (var i = 0; i < TypeCounts.Length; i++)
        {
            TypeCounts[i] += other.TypeCounts[i];
        }

        OtherTypes.AddAll(other.OtherTypes);
        ProductViews.AddAll(other.ProductViews);
        PageHits.AddAll(other.PageHits);
        foreach (var entry in other.Entries)
        {
            Insert(entry, cap);
        }

        // Downstream knows the session by what was announced for either part; the next change is judged against it.
        AnnouncedPrimary ??= other.AnnouncedPrimary;
        Revision = Math.Max(Revision, other.Revision);
    }

    internal void Restore(SessionEntry entry)
    {
        if (EntryCount == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, EntryCount * 2));
        }

        _entries[EntryCount++] = entry;
    }

    private void Insert(SessionEntry entry, int cap)
    {
        var position = EntryCount;
        while (position > 0 && SessionEntry.Compare(_entries[position - 1], entry) > 0)
        {
            position--;
        }

        if (position >= cap)
        {
            return;
        }

        if (EntryCount == _entries.Length && EntryCount < cap)
        {
            Array.Resize(ref _entries, Math.Min(cap, Math.Max(4, EntryCount * 2)));
        }

        var last = Math.Min(EntryCount, cap - 1);
        Array.Copy(_entries, position, _entries, position + 1, last - position);
        _entries[position] = entry;
        EntryCount = last + 1;
    }
}
