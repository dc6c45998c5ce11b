using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Journeys.Tests.RealData;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>
/// SPEC's promise, as a property of the whole topology: whatever the arrival order, with re-sent duplicates, as long
/// as nothing arrives more than the grace period behind stream time, the closed sessions are the batch sessions.
/// </summary>
public sealed class SessionPropertyTests
{
    private const long GraceMs = 2 * 60_000;

    [Fact]
    public void ShuffledArrivalWithinGraceAndDuplicatesGiveTheBatchSessions() =>
        Prop.ForAll(Arb.From(Scenarios()), scenario =>
            {
                using var journeys = new JourneyDriver();
                foreach (var clickEvent in scenario.Arrivals)
                {
                    journeys.Send(clickEvent);
                }

                journeys.AdvanceStreamTimePast(scenario.Arrivals.Max(e => (e.Timestamp!.Value - JourneyDriver.T0) / 60_000.0));

                var streamed = journeys.Segments()
                    .Select(s => (s.UserId!, s.Start, s.End, string.Join(",", s.EventIds)))
                    .OrderBy(s => s.Item1, StringComparer.Ordinal).ThenBy(s => s.Start)
                    .ToList();
                var batch = BatchSessions.Compute(scenario.Arrivals, BatchSessions.DefaultGap)
                    .Select(s => (s.Customer, s.Start, s.End, string.Join(",", s.EventIds)))
                    .ToList();
                Assert.Equal(batch, streamed);
                Assert.Empty(journeys.Late());
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    /// <summary>
    /// Events of up to four customers over three hours on a 30 s grid (so gaps of exactly 30 min are common), nudged
    /// by 1 ms now and then; some re-sent; each arriving up to just under the grace period after its event time.
    /// </summary>
    private static Gen<Scenario> Scenarios()
    {
        var events =
            from customer in Gen.Choose(0, 3)
            from step in Gen.Choose(0, 360)
            from nudge in Gen.Elements(0, 0, 0, 1)
            from type in Gen.Elements("page_view", "product_view", "add_to_cart", "search")
            select (Customer: "c" + customer, Timestamp: JourneyDriver.T0 + (step * 30_000L) + nudge, Type: type);
        return
            from baseEvents in events.NonEmptyListOf()
            from resent in Gen.Choose(0, baseEvents.Count - 1).ListOf()
            let all = baseEvents.Select((e, i) => new ClickEvent { EventId = $"e{i}", Timestamp = e.Timestamp, EventType = e.Type, UserId = e.Customer })
                .ToList()
            let sent = all.Concat(resent.Select(i => all[i])).ToList()
            from delays in Gen.Choose(0, (int)GraceMs - 1).ListOf(sent.Count)
            select new Scenario(sent.Select((e, i) => (Event: e, Arrival: e.Timestamp!.Value + delays[i])).OrderBy(a => a.Arrival).Select(a => a.Event).ToList());
    }

    public sealed record Scenario(IReadOnlyList<ClickEvent> Arrivals)
    {
        public override string ToString() => string.Join(", ", Arrivals.Select(e => $"{e.UserId}@{e.Timestamp - JourneyDriver.T0}#{e.EventId}"));
    }
}
