using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Turns an event-time-ordered stream into arrival order: each record arrives at its timestamp plus a
/// delay in [0, MaxArrivalDelay], and a DuplicateRate share is sent once more, after the original but
/// still within the same bound. Records leave in (arrival time, enqueue order), which guarantees that
/// no record arrives after one whose timestamp exceeds its own by more than MaxArrivalDelay.
/// </summary>
internal static class ArrivalSimulation
{
    public static IEnumerable<ClickArrival> Run(IEnumerable<ClickEvent> eventTimeOrdered, ClickstreamGeneratorOptions options)
    {
        var random = SeedStreams.Create(options.Seed, SeedStreams.Delivery);

        // Whole milliseconds, rounded down, so the bound holds exactly on epoch-millisecond timestamps.
        var maxDelay = (long)options.MaxArrivalDelay.TotalMilliseconds;
        var inFlight = new PriorityQueue<ClickArrival, (long Arrival, long Order)>();
        long order = 0;

        foreach (var click in eventTimeOrdered)
        {
            var time = click.Timestamp!.Value;

            // Later input has timestamp >= time, hence arrival >= time and a larger order: whatever has
            // arrived by now can no longer be overtaken.
            while (inFlight.TryPeek(out _, out var head) && head.Arrival <= time)
            {
                yield return inFlight.Dequeue();
            }

            var arrival = time + Delay(random, maxDelay);
            inFlight.Enqueue(new ClickArrival(click, arrival, IsDuplicate: false), (arrival, order++));

            if (options.DuplicateRate > 0 && random.NextDouble() < options.DuplicateRate)
            {
                var resent = arrival + random.NextInt64(time + maxDelay - arrival + 1);
                inFlight.Enqueue(new ClickArrival(click, resent, IsDuplicate: true), (resent, order++));
            }
        }

        while (inFlight.TryDequeue(out var rest, out _))
        {
            yield return rest;
        }
    }

    // Skewed towards short delays, as real pipelines are: most records are prompt, a few straggle.
    private static long Delay(Random random, long maxDelay) =>
        maxDelay == 0 ? 0 : Math.Min(maxDelay, (long)(Math.Pow(random.NextDouble(), 3) * (maxDelay + 1)));
}
