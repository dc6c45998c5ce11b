using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Dedup;

/// <summary>
/// Whatever the arrival order and however many copies of an event arrive (within the horizon), each eventId
/// comes out exactly once, as its first arriving copy, in arrival order; every other copy is counted.
/// </summary>
public sealed class DeduplicationPropertyTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void EachEventIdComesOutExactlyOnceAsItsFirstArrival() =>
        Prop.ForAll(Arb.From(Arrivals()), arrivals =>
            {
                using var run = new DedupRun();
                foreach (var (arrival, index) in arrivals.Select((arrival, index) => (arrival, index)))
                {
                    run.Pipe(arrival.Customer, arrival.EventId, arrival.Timestamp, tag: "arrival-" + index);
                }

                var firstArrivals = arrivals
                    .Select((arrival, index) => (arrival.Customer, arrival.EventId, arrival.Timestamp, Tag: (string?)("arrival-" + index)))
                    .DistinctBy(arrival => arrival.EventId)
                    .ToList();
                var output = run.Output();
                Assert.Equal(firstArrivals, output);
                Assert.Equal(output.Count, output.Select(record => record.EventId).Distinct().Count());
                Assert.Equal(arrivals.Count - firstArrivals.Count, run.DuplicatesDropped);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    /// <summary>
    /// Up to 40 events of up to four customers over two hours, some sent again up to five times (a copy may be
    /// re-stamped up to a minute off), all shuffled into one arrival order.
    /// </summary>
    private static Gen<List<(string Customer, string EventId, long Timestamp)>> Arrivals()
    {
        var events =
            from customer in Gen.Choose(1, 4)
            from offset in Gen.Choose(0, 7_200_000)
            select (Customer: "c" + customer, Offset: (long)offset);
        return
            from originals in events.ListOf().Select(list => list.Take(40).ToList())
            from copyCount in Gen.Choose(0, 5 * Math.Max(1, originals.Count))
            from copies in (
                from index in Gen.Choose(0, Math.Max(0, originals.Count - 1))
                from restamp in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(-60_000, 60_000)))
                select (Index: index, Restamp: restamp)).ListOf(originals.Count == 0 ? 0 : copyCount)
            let all = originals.Select((original, index) => (original.Customer, EventId: "evt-" + index, Timestamp: T0 + original.Offset))
                .Concat(copies.Select(copy => (originals[copy.Index].Customer, EventId: "evt-" + copy.Index, Timestamp: T0 + originals[copy.Index].Offset + copy.Restamp)))
            from shuffled in Gen.Shuffle(all)
            select shuffled.ToList();
    }
}
