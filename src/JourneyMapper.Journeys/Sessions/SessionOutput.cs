using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>What the sessionizer emits: the topology splits these into closed sessions, provisional updates and late events.</summary>
public abstract record SessionOutput;

/// <summary>A session that will take no more events, and why.</summary>
public sealed record ClosedSession(JourneySession Session, ClosedBy ClosedBy) : SessionOutput
{
    /// <summary>When the sessionizer closed it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), for the segment latency; 0 if unknown.</summary>
    public long ClosedAtTimestamp { get; init; }
}

/// <summary>An open session whose primary segment just changed.</summary>
public sealed record ProvisionalSegment(JourneySegment Segment) : SessionOutput;

/// <summary>An event whose session had already closed when it arrived.</summary>
public sealed record LateEvent(ClickEvent Event, long WindowCloseTime) : SessionOutput;
