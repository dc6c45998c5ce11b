using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Tests.RealData;

/// <summary>One delivery of an event: when it arrives, what arrives, and whether it is a re-sent copy.</summary>
internal sealed record Arrival(long ArrivalTime, ClickEvent Event, bool IsResend);

/// <summary>
/// Turns events into a realistic arrival sequence whose disorder stays inside the grace period, so a correct
/// streaming sessionizer fed with it must produce exactly the batch sessions:
/// <list type="bullet">
/// <item>every event arrives at its event time plus a delay drawn uniformly from [0, maxDelay] (whole ms);</item>
/// <item>round(n x duplicateRate) distinct events, drawn uniformly, are re-sent once: the same instance (same
/// eventId, same content) arriving uniformly in [the original's arrival, its event time + maxDelay];</item>
/// <item>the sequence is sorted by arrival time; ties keep input order, and a re-send follows every original.</item>
/// </list>
/// So every delivery arrives within maxDelay of its event time, and stream time at any delivery is at most
/// maxDelay past that delivery's event time: with the defaults (60 s) well inside the 2-minute grace.
/// The generator is SplitMix64, written out here, so a seed gives the same sequence on every runtime and platform.
/// </summary>
internal static class ArrivalDisorder
{
    public const double DefaultDuplicateRate = 0.05;
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<Arrival> Apply(IReadOnlyList<ClickEvent> events, int seed) =>
        Apply(events, seed, DefaultDuplicateRate, DefaultMaxDelay);

    public static IReadOnlyList<Arrival> Apply(IReadOnlyList<ClickEvent> events, int seed, double duplicateRate, TimeSpan maxDelay)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(duplicateRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duplicateRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, TimeSpan.Zero);
        var maxDelayMillis = (long)maxDelay.TotalMilliseconds;
        var random = new SplitMix64((ulong)seed);
        var count = events.Count;
        var resends = (int)Math.Round(count * duplicateRate, MidpointRounding.AwayFromZero);
        var deliveries = new List<(Arrival Arrival, int Sequence)>(count + resends);

        for (var i = 0; i < count; i++)
        {
            var eventTime = events[i].Timestamp ?? throw new ArgumentException($"event {events[i].EventId} has no timestamp", nameof(events));
            deliveries.Add((new Arrival(eventTime + random.NextInclusive(maxDelayMillis), events[i], false), i));
        }

        // A partial Fisher-Yates shuffle: the first `resends` slots are a uniform sample without replacement.
        var order = Enumerable.Range(0, count).ToArray();
        for (var k = 0; k < resends; k++)
        {
            var j = k + (int)random.NextInclusive(count - k - 1);
            (order[k], order[j]) = (order[j], order[k]);
            var original = deliveries[order[k]].Arrival;
            var latest = original.Event.Timestamp!.Value + maxDelayMillis;
            var arrival = original.ArrivalTime + random.NextInclusive(latest - original.ArrivalTime);
            deliveries.Add((new Arrival(arrival, original.Event, true), count + k));
        }

        deliveries.Sort((a, b) => a.Arrival.ArrivalTime != b.Arrival.ArrivalTime
            ? a.Arrival.ArrivalTime.CompareTo(b.Arrival.ArrivalTime)
            : a.Sequence.CompareTo(b.Sequence));
        return [.. deliveries.Select(delivery => delivery.Arrival)];
    }

    /// <summary>Steele, Lea and Flood's SplitMix64 (the seeder of xoshiro): tiny, fast and fully specified.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound] by the high half of a 64x64-bit product (bias below 2^-40 for any bound used here).</summary>
        public long NextInclusive(long bound) => (long)Math.BigMul(Next(), (ulong)bound + 1, out _);
    }
}
