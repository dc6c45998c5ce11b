using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.Windows;

/// <summary>
/// Whatever the arrival order, as long as no record arrives more than the grace period behind stream time,
/// the final sessions are the batch ones: per key, events sorted by time and cut wherever two neighbours
/// are more than the gap apart (duplicates and events exactly the gap apart stay together).
/// </summary>
public sealed class SessionWindowPropertyTests
{
    private const long GapMs = 30 * 60_000;
    private const long GraceMs = 2 * 60_000;
    private const string Sentinel = "~sentinel";
    private static readonly SessionWindows Windows =
        SessionWindows.OfInactivityGapAndGrace(TimeSpan.FromMilliseconds(GapMs), TimeSpan.FromMilliseconds(GraceMs));

    [Fact]
    public void FinalSessionsEqualTheBatchSessionsForAnyArrivalOrderWithinGrace() =>
        Prop.ForAll(Arb.From(Scenarios()), scenario =>
            {
                AssertFinalResultsAreTheBatchSessions(scenario);
                AssertUpdatesEndAsTheBatchSessions(scenario);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    /// <summary>Events over three hours on up to four keys, on a 30 s grid (so duplicates and gaps of exactly
    /// 30 min are common) nudged by 1 ms now and then (so are gaps of 30 min + 1 ms); some events repeated.</summary>
    private static Gen<Scenario> Scenarios()
    {
        var events =
            from key in Gen.Choose(0, 3)
            from step in Gen.Choose(0, 360)
            from nudge in Gen.Elements(0, 0, 0, 1)
            select (Key: "k" + key, Timestamp: step * 30_000L + nudge);
        return
            from baseEvents in events.ListOf()
            from repeats in Gen.Choose(0, 8)
            from repeated in Gen.Choose(0, Math.Max(0, baseEvents.Count - 1)).ListOf(baseEvents.Count == 0 ? 0 : repeats)
            from flushByWallClock in Gen.Elements(true, false)
            let all = baseEvents.Concat(repeated.Select(i => baseEvents[i])).ToList()
            from delays in Gen.Choose(0, (int)GraceMs - 1).ListOf(all.Count)
            select new Scenario(
                all.Select((e, i) => new Event(e.Key, e.Timestamp, delays[i])).ToList(), flushByWallClock);
    }

    private static void AssertFinalResultsAreTheBatchSessions(Scenario scenario)
    {
        var (driver, output, late) = Run(scenario, EmitStrategy.OnWindowClose());
        using (driver)
        {
            var finals = output.Where(record => record.Key.Key != Sentinel).ToList();
            Assert.All(finals, record => Assert.Equal(record.Key.Window.End, record.Timestamp));

            // Sessions close in end order, each once.
            Assert.Equal(finals.Select(record => record.Key.Window.End).Order(), finals.Select(record => record.Key.Window.End));
            Assert.Equal(scenario.BatchSessions(), Sorted(finals.Select(record => (record.Key.Key, record.Key.Window.Start, record.Key.Window.End, record.Value))));
            Assert.Empty(late);
            Assert.Equal(0, driver.Metrics.Get(StreamsMetrics.LateRecords));
        }
    }

    private static void AssertUpdatesEndAsTheBatchSessions(Scenario scenario)
    {
        var (driver, output, late) = Run(scenario, EmitStrategy.OnWindowUpdate());
        using (driver)
        {
            var table = new Dictionary<Windowed<string>, long>();
            foreach (var record in output.Where(record => record.Key.Key != Sentinel))
            {
                Assert.Equal(record.Key.Window.End, record.Timestamp);
                if (record.Value == default)
                {
                    Assert.True(table.Remove(record.Key), $"tombstone for a window never sent: {record.Key}");
                }
                else
                {
                    table[record.Key] = record.Value;
                }
            }

            Assert.Equal(scenario.BatchSessions(), Sorted(table.Select(entry => (entry.Key.Key, entry.Key.Window.Start, entry.Key.Window.End, entry.Value))));
            Assert.Empty(late);
        }
    }

    private static (TopologyTestDriver Driver, List<Record<Windowed<string>, long>> Output, List<Record<string, string>> Late) Run(
        Scenario scenario, EmitStrategy emit)
    {
        List<Record<Windowed<string>, long>> output = [];
        List<Record<string, string>> late = [];
        var builder = new StreamBuilder();
        var windowed = builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(Windows)
            .EmitStrategy(emit);
        windowed.Count(Materialized.As<string, long>("sessions"))
            .ToStream()
            .Process<Windowed<string>, long>(() => new Capture<Windowed<string>, long>(output));
        windowed.LateRecords().Process<string, string>(() => new Capture<string, string>(late));
        var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("events");
        foreach (var e in scenario.ArrivalOrder())
        {
            input.PipeInput(e.Key, "v", e.Timestamp);
        }

        var streamTime = scenario.Events.Count == 0 ? 0 : scenario.Events.Max(e => e.Timestamp);
        if (scenario.FlushByWallClock)
        {
            driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(GapMs + GraceMs + 2_000));
        }
        else
        {
            input.PipeInput(Sentinel, "v", streamTime + GapMs + GraceMs + 1);
        }

        return (driver, output, late);
    }

    private static List<(string Key, long Start, long End, long Count)> Sorted(IEnumerable<(string Key, long Start, long End, long Count)> sessions) =>
        sessions.OrderBy(session => session.Key, StringComparer.Ordinal).ThenBy(session => session.Start).ToList();

    /// <summary>An event and how long after its own time it arrives (under the grace period).</summary>
    public sealed record Event(string Key, long Timestamp, long Delay)
    {
        public override string ToString() => $"{Key}@{Timestamp}+{Delay}";
    }

    public sealed record Scenario(IReadOnlyList<Event> Events, bool FlushByWallClock)
    {
        /// <summary>By time plus delay (ties in generation order): every event arrives less than grace behind stream time.</summary>
        public IEnumerable<Event> ArrivalOrder() => Events.OrderBy(e => e.Timestamp + e.Delay);

        public List<(string Key, long Start, long End, long Count)> BatchSessions()
        {
            var sessions = new List<(string Key, long Start, long End, long Count)>();
            foreach (var key in Events.GroupBy(e => e.Key))
            {
                var times = key.Select(e => e.Timestamp).Order().ToList();
                var (start, end, count) = (times[0], times[0], 0L);
                foreach (var time in times)
                {
                    if (time - end > GapMs)
                    {
                        sessions.Add((key.Key, start, end, count));
                        (start, count) = (time, 0);
                    }

                    end = time;
                    count++;
                }

                sessions.Add((key.Key, start, end, count));
            }

            return Sorted(sessions);
        }

        public override string ToString() =>
            $"{(FlushByWallClock ? "wall clock" : "sentinel")} flush; arrival: {string.Join(", ", ArrivalOrder())}";
    }
}
