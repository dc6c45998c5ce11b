namespace JourneyMapper.Journeys.Sessions;

/// <summary>Session semantics of SPEC.md (section <c>JourneyMapper:Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "JourneyMapper:Sessions";

    /// <summary>Events further apart than this in event time belong to different sessions.</summary>
    public TimeSpan InactivityGap { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after <c>end + gap</c> late and out-of-order events may still join a session.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A session is closed and a new one begins once it would span more than this.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Close sessions of quiet partitions when wall-clock time has waited <c>gap + grace</c> without records.</summary>
    public bool WallClockClose { get; set; } = true;

    /// <summary>How often the wall-clock rule is checked.</summary>
    public TimeSpan WallClockCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many event ids per segment; beyond it the segment is marked truncated.</summary>
    public int MaxEventIds { get; set; } = 50;

    /// <summary>At most this many event types in a segment's path.</summary>
    public int MaxPathLength { get; set; } = 50;

    /// <summary>Emit provisional updates to <c>journey.session-updates</c> when an open session's primary segment changes.</summary>
    public bool ProvisionalUpdates { get; set; } = true;

    internal long GapMs => (long)InactivityGap.TotalMilliseconds;

    internal long GraceMs => (long)GracePeriod.TotalMilliseconds;

    internal long MaxDurationMs => (long)MaxDuration.TotalMilliseconds;

    internal int EntryCap => Math.Max(MaxEventIds, MaxPathLength);
}
