namespace JourneyMapper.Journeys.Tests;

/// <summary>A wall clock that stands still, so time-dependent rules are tested at exact edges.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
