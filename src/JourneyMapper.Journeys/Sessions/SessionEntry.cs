namespace JourneyMapper.Journeys.Sessions;

/// <summary>One event as a session remembers it for its path and event ids.</summary>
public readonly record struct SessionEntry(long Timestamp, string EventId, string EventType)
{
    /// <summary>Event-time order, ties broken by id, so that any arrival order gives the same sequence.</summary>
    public static int Compare(in SessionEntry left, in SessionEntry right)
    {
        var byTime = left.Timestamp.CompareTo(right.Timestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(left.EventId, right.EventId);
    }
}
