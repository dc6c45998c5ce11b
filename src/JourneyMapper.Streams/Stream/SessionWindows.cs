namespace JourneyMapper.Streams.Stream;

/// <summary>
/// Session windows, as Kafka Streams': records of a key belong to one session while each is within the
/// inactivity gap of its neighbour (edges inclusive); a record that fills a gap merges two sessions.
/// A session closes when stream time passes <c>end + gap + grace</c>; with <see cref="WallClockClose"/> on,
/// also when the task has seen no record for that long in wall-clock time, so quiet partitions still emit.
/// </summary>
public sealed record SessionWindows
{
    private SessionWindows(TimeSpan inactivityGap, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(inactivityGap, TimeSpan.Zero, nameof(inactivityGap));
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero, nameof(gracePeriod));
        InactivityGap = inactivityGap;
        GracePeriod = gracePeriod;
    }

    public TimeSpan InactivityGap { get; }

    /// <summary>How long after a session's close time out-of-order records may still join it.</summary>
    public TimeSpan GracePeriod { get; }

    /// <summary>Close sessions by wall-clock time too when records stop arriving (on by default).</summary>
    public bool WallClockClose { get; init; } = true;

    /// <summary>How often the wall-clock rule is checked.</summary>
    public TimeSpan WallClockCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    public long InactivityGapMs => (long)InactivityGap.TotalMilliseconds;

    public long GracePeriodMs => (long)GracePeriod.TotalMilliseconds;

    public static SessionWindows OfInactivityGapAndGrace(TimeSpan inactivityGap, TimeSpan gracePeriod) => new(inactivityGap, gracePeriod);

    public static SessionWindows OfInactivityGapWithNoGrace(TimeSpan inactivityGap) => new(inactivityGap, TimeSpan.Zero);
}
