namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Shape of a synthetic clickstream. Same options (seed included) give the same stream, record for record.
/// </summary>
public sealed record ClickstreamGeneratorOptions
{
    public int Seed { get; init; } = 42;

    /// <summary>Distinct visitors, known and anonymous together.</summary>
    public int Customers { get; init; } = 1000;

    /// <summary>Fraction of visitors who never carry a userId (keyed by anonymousId).</summary>
    public double AnonymousShare { get; init; } = 0.2;

    /// <summary>Catalogue size; product popularity is skewed so a few products get most views.</summary>
    public int Products { get; init; } = 500;

    /// <summary>Event time of the earliest possible event.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Probability that a record is sent a second time (same eventId), a little later.</summary>
    public double DuplicateRate { get; init; } = 0.01;

    /// <summary>
    /// Upper bound of how late a record arrives after its event time. Every record, duplicates included,
    /// arrives within [timestamp, timestamp + MaxArrivalDelay], so stream time never runs ahead of an
    /// arriving record's timestamp by more than this.
    /// </summary>
    public TimeSpan MaxArrivalDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fraction of raw records that are deliberately malformed (dead-letter demos).</summary>
    public double InvalidRate { get; init; }

    /// <summary>
    /// Mean idle time between two sessions of one customer, on top of the 35-minute minimum that keeps
    /// sessions apart under a 30-minute inactivity gap. Smaller means more customers active at once.
    /// </summary>
    public TimeSpan MeanTimeBetweenSessions { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Throws when an option is out of range; called by the generator so bad options fail early.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Customers, 1, nameof(Customers));
        ArgumentOutOfRangeException.ThrowIfLessThan(Products, 1, nameof(Products));
        RequireFraction(AnonymousShare, nameof(AnonymousShare));
        RequireFraction(DuplicateRate, nameof(DuplicateRate));

        // An invalid rate of 1 would never let a valid record through, so the raw stream could not advance.
        RequireFraction(InvalidRate, nameof(InvalidRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(InvalidRate, 1.0, nameof(InvalidRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxArrivalDelay, TimeSpan.Zero, nameof(MaxArrivalDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MeanTimeBetweenSessions, TimeSpan.Zero, nameof(MeanTimeBetweenSessions));
    }

    private static void RequireFraction(double value, string name)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a fraction between 0 and 1");
        }
    }
}
