namespace JourneyMapper.Streams.Processors.Internals;

/// <summary>
/// The punctuators of one task for one kind of time. A punctuator fires at most once per call however far
/// time jumped, as in Kafka Streams, and its next time is aligned to its interval.
/// </summary>
internal sealed class PunctuationQueue
{
    /// <summary>First fire at the first time the queue sees (stream-time punctuators start with the first record).</summary>
    public const long AtFirstTime = long.MinValue;

    private readonly List<Schedule> _schedules = [];

    public ICancellable Add(long firstTime, long interval, Action<long> punctuator)
    {
        var schedule = new Schedule(firstTime, interval, punctuator, this);
        _schedules.Add(schedule);
        return schedule;
    }

    /// <summary>Fires every punctuator due at <paramref name="now"/>; returns whether any fired.</summary>
    public bool MaybePunctuate(long now, Action<Action<long>, long> run)
    {
        var fired = false;
        foreach (var schedule in _schedules.ToArray())
        {
            if (schedule.Next == AtFirstTime)
            {
                schedule.Next = now;
            }

            if (!schedule.Cancelled && schedule.Next <= now)
            {
                var missed = (now - schedule.Next) / schedule.Interval;
                schedule.Next += (missed + 1) * schedule.Interval;
                run(schedule.Punctuator, now);
                fired = true;
            }
        }

        return fired;
    }

    private sealed class Schedule(long next, long interval, Action<long> punctuator, PunctuationQueue queue) : ICancellable
    {
        public long Next { get; set; } = next;

        public long Interval { get; } = interval;

        public Action<long> Punctuator { get; } = punctuator;

        public bool Cancelled { get; private set; }

        public void Cancel()
        {
            Cancelled = true;
            queue._schedules.Remove(this);
        }
    }
}
