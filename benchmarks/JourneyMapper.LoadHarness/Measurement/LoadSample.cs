namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>
/// One look at a phase: records the generator has delivered to the input, records the system under test has taken
/// from it (in total and per instance), and the difference, which is the consumer lag.
/// </summary>
/// <param name="Held">Records the input still holds: when the lag exceeds it, records were lost to retention unread.</param>
public sealed record LoadSample(TimeSpan Elapsed, long Produced, long Held, long Processed, IReadOnlyList<long> ProcessedPerInstance)
{
    public long Lag => Math.Max(0, Produced - Processed);

    public bool LagExceedsRetention => Lag > Held;
}
