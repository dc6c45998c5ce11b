namespace JourneyMapper.Journeys.Validation;

/// <summary>What an acceptable event time is (section <c>JourneyMapper:Validation</c>).</summary>
public sealed record ValidationOptions
{
    /// <summary>Earlier event times are taken as broken clocks or defaults, not as history.</summary>
    public DateTimeOffset EarliestTimestamp { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of the wall clock an event time may be before it is rejected.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromHours(1);
}
