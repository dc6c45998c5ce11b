namespace JourneyMapper.Journeys.Dedup;

/// <summary>What counts as a duplicate (section <c>JourneyMapper:Deduplication</c>).</summary>
public sealed record DeduplicationOptions
{
    /// <summary>
    /// How long an eventId is remembered, in stream time: an eventId first seen with event time <c>t</c> is a
    /// duplicate when it arrives again while <c>streamTime - t &lt; Horizon</c>, and passes as new afterwards.
    /// </summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromHours(24);
}
