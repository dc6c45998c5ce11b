using System.Runtime.CompilerServices;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// The running state of one open session: everything the rules and the segment need, kept small because every open
/// session of every customer lives in memory (no object per event, counters and the entry log inside the session).
/// Counts cover all events; the entries (for the path and the event ids) are the first <c>cap</c> in event-time
/// order, so any arrival order and any merge order give the same session.
/// </summary>
public sealed class JourneySession
{
    private TypeCountArray _typeCounts;
    private SmallCounter<string> _otherTypes;
    private SmallCounter<long> _productViews;
    private SmallCounter<long> _pageHits;
    private EntryLog _log;

    public string? UserId { get; internal set; }

    public string? AnonymousId { get; internal set; }

    public long Start { get; internal set; } = long.MaxValue;

    public long End { get; internal set; } = long.MinValue;

    public int EventCount { get; internal set; }

    /// <summary>Per canonical event type (<see cref="EventTypes"/>), plus the last slot for all others.</summary>
    internal Span<int> TypeCounts => _typeCounts;

    /// <summary>Counts of event types outside the canonical list, which are kept and counted, never rejected.</summary>
    internal ref SmallCounter<string> OtherTypes => ref _otherTypes;

    /// <summary>
    /// Every product the session touched, with how often it was viewed, by a stable hash of its id (as pages are): the
    /// rules need how many there were and the most views of one, not the ids.
    /// </summary>
    internal ref SmallCounter<long> ProductViews => ref _productViews;

    /// <summary>Events per page, by a stable hash of the URL: the rules need the repeats, not the text.</summary>
    internal ref SmallCounter<long> PageHits => ref _pageHits;

    /// <summary>The first events in event-time order, at most the cap the session was built with.</summary>
    internal ref EntryLog Log => ref _log;

    internal int EntryCount => _log.Count;

    /// <summary>The first events in event-time order, at most the cap the session was built with (a copy).</summary>
    public IReadOnlyList<SessionEntry> Entries =>
        [.. Enumerable.Range(0, _log.Count).Select(i => new SessionEntry(_log.TimestampAt(i), _log.EventIdAt(i), _log.EventTypeAt(i)))];

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
            _otherTypes.Add(eventType, 1);
        }

        if (!string.IsNullOrEmpty(clickEvent.ProductId))
        {
            _productViews.Add(StableHash.Of(clickEvent.ProductId), index == EventTypes.ProductView ? 1 : 0);
        }

        if (!string.IsNullOrEmpty(clickEvent.PageUrl))
        {
            _pageHits.Add(StableHash.Of(clickEvent.PageUrl), 1);
        }

        _log.Insert(timestamp, clickEvent.EventId ?? string.Empty, eventType, index, cap);
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

        _otherTypes.AddAll(other._otherTypes);
        _productViews.AddAll(other._productViews);
        _pageHits.AddAll(other._pageHits);
        for (var i = 0; i < other._log.Count; i++)
        {
            _log.InsertFrom(other._log, i, cap);
        }

        // Downstream knows the session by what was announced for either part; the next change is judged against it.
        AnnouncedPrimary ??= other.AnnouncedPrimary;
        Revision = Math.Max(Revision, other.Revision);
    }

    /// <summary>Back to a new session's state, keeping the arrays: for a session decoded into again.</summary>
    internal void Clear()
    {
        (UserId, AnonymousId, AnnouncedPrimary) = (null, null, null);
        (Start, End, EventCount, Revision) = (long.MaxValue, long.MinValue, 0, 0);
        TypeCounts.Clear();
        _otherTypes.Clear();
        _productViews.Clear();
        _pageHits.Clear();
        _log.Clear();
    }

    /// <summary>The type counts inside the session, not in an array of their own: 32 bytes less per open session.</summary>
    [InlineArray(EventTypes.Count + 1)]
    private struct TypeCountArray
    {
        private int _count;
    }
}
