namespace JourneyMapper.Streams.Mock;

/// <summary>The test driver's wall clock: it moves only when the test advances it.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero, nameof(by));
        _now += by;
    }
}
