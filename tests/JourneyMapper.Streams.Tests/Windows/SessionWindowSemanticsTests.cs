using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.Windows;

/// <summary>
/// Kafka Streams' session-window semantics (KStreamSessionWindowAggregate), case by case. Gap 10 s, grace 2 s,
/// so a session closes when stream time passes end + 12 s. The value of the i-th event of a case is the
/// i-th letter, and a session's aggregate is the letters of its events in arrival order (merged sessions
/// concatenated in start order), so each expected aggregate also says which events joined it.
/// </summary>
public sealed class SessionWindowSemanticsTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private static readonly SessionWindows Windows = SessionWindows.OfInactivityGapAndGrace(Gap, Grace);

    /// <summary>Checks the wall-clock rule at every millisecond, so its exact boundary shows.</summary>
    private static readonly SessionWindows EveryMillisecond = Windows with { WallClockCheckInterval = TimeSpan.FromMilliseconds(1) };

    private static readonly Dictionary<string, SessionCase> Cases = new SessionCase[]
    {
        new("a single event", [("a", 1_000)], [new("a", 1_000, 1_000, "a")]),
        new("events exactly the gap apart share a session", [("a", 0), ("a", 10_000)], [new("a", 0, 10_000, "ab")]),
        new("events gap + 1 ms apart are two sessions", [("a", 0), ("a", 10_001)], [new("a", 0, 0, "a"), new("a", 10_001, 10_001, "b")]),
        new("an earlier event exactly the gap before joins", [("a", 10_000), ("a", 0)], [new("a", 0, 10_000, "ab")]),
        new("an earlier event gap + 1 ms before is its own session", [("a", 10_001), ("a", 0)], [new("a", 0, 0, "b"), new("a", 10_001, 10_001, "a")]),
        new("an out-of-order event inside a session", [("a", 0), ("a", 5_000), ("a", 2_000)], [new("a", 0, 5_000, "abc")]),
        new("an out-of-order event moves the start", [("a", 5_000), ("a", 1_000)], [new("a", 1_000, 5_000, "ab")]),
        new("duplicate timestamps", [("a", 0), ("a", 0), ("a", 0)], [new("a", 0, 0, "abc")]),
        new("an event bridging two sessions merges them with the merger", [("a", 11_000), ("a", 0), ("a", 5_000)], [new("a", 0, 11_000, "bac")]),
        new(
            "an event older than the close time joins a session whose end is at the close time",
            [("a", 0), ("a", 5_000), ("b", 17_000), ("a", 100)],
            [new("a", 0, 5_000, "abd"), new("b", 17_000, 17_000, "c")]),
        new(
            "an out-of-order new session ending at the close time is accepted",
            [("b", 21_000), ("a", 9_000)],
            [new("a", 9_000, 9_000, "b"), new("b", 21_000, 21_000, "a")]),
        new(
            "an out-of-order new session ending 1 ms before the close time is late",
            [("b", 21_000), ("a", 8_999)],
            [new("b", 21_000, 21_000, "a")],
            [new("a", "b", 8_999, 9_000)]),
        new(
            "an event for a session that already closed is late",
            [("a", 0), ("a", 5_000), ("b", 17_001), ("a", 4_000)],
            [new("a", 0, 5_000, "ab"), new("b", 17_001, 17_001, "c")],
            [new("a", "d", 4_000, 5_001)]),
        new(
            "every late event is turned away and counted",
            [("b", 30_000), ("a", 0), ("a", 1_000)],
            [new("b", 30_000, 30_000, "a")],
            [new("a", "b", 0, 18_000), new("a", "c", 1_000, 18_000)]),
        new(
            "a closed session is not reopened: a later event within its gap starts a new one",
            [("a", 0), ("b", 12_001), ("a", 10_000)],
            [new("a", 0, 0, "a"), new("a", 10_000, 10_000, "c"), new("b", 12_001, 12_001, "b")]),
        new(
            "keys are independent",
            [("a", 0), ("b", 5_000), ("a", 10_000), ("b", 16_000)],
            [new("a", 0, 10_000, "ac"), new("b", 5_000, 5_000, "b"), new("b", 16_000, 16_000, "d")]),
        new("the same timestamp on two keys", [("a", 0), ("b", 0)], [new("a", 0, 0, "a"), new("b", 0, 0, "b")]),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void OnWindowUpdateTheUpdatesDescribeExactlyTheExpectedSessions(string name)
    {
        var c = Cases[name];
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowUpdate());

        c.PipeInto(harness);

        var updates = harness.TakeOutput();
        Assert.All(updates, update => Assert.Equal(update.End, update.Timestamp));
        Assert.Equal(c.Expected, SessionWindowHarness.Table(updates));
        Assert.Equal(c.ExpectedLate, harness.TakeLate());
        Assert.Equal(c.ExpectedLate.Length, harness.Driver.Metrics.Get(StreamsMetrics.LateRecords, SessionWindowHarness.ProcessorName));

        // The store keeps exactly the sessions still open at the final close time.
        Assert.Equal(c.Expected.Where(session => session.End >= c.CloseTime).ToList(), harness.StoredSessions(c.Keys));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void OnWindowCloseEachExpectedSessionIsEmittedOnceWhenItCloses(string name)
    {
        var c = Cases[name];
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowClose());

        c.PipeInto(harness);

        // By stream time alone: exactly the sessions that ended before the close time.
        var closedByStreamTime = harness.TakeOutput();
        Assert.Equal(c.Expected.Where(session => session.End < c.CloseTime).ToList(), AsSessions(closedByStreamTime));
        Assert.Equal(c.Expected.Where(session => session.End >= c.CloseTime).ToList(), harness.StoredSessions(c.Keys));

        // The rest when the quiet task's stream time moves on with the wall clock.
        harness.Driver.AdvanceWallClockTime(Gap + Grace + TimeSpan.FromSeconds(1));
        var closedByWallClock = harness.TakeOutput();
        Assert.Equal(c.Expected.Where(session => session.End >= c.CloseTime).ToList(), AsSessions(closedByWallClock));

        List<Emitted> all = [.. closedByStreamTime, .. closedByWallClock];
        Assert.All(all, final => Assert.Equal(final.End, final.Timestamp));
        Assert.Equal(all.Select(final => final.End).Order(), all.Select(final => final.End));
        Assert.Empty(harness.StoredSessions(c.Keys));
        Assert.Equal(c.ExpectedLate, harness.TakeLate());
        Assert.Equal(c.ExpectedLate.Length, harness.LateCount);
    }

    [Fact]
    public void OnWindowUpdateEveryUpdateIsForwardedAndAWindowThatChangesIsTombstoned()
    {
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowUpdate());

        harness.Pipe("a", "a", 5_000);
        Assert.Equal([new("a", 5_000, 5_000, "a", 5_000)], harness.TakeOutput());

        // The start moves: the old window is deleted downstream, the new one sent.
        harness.Pipe("a", "b", 1_000);
        Assert.Equal([new("a", 5_000, 5_000, null, 5_000), new("a", 1_000, 5_000, "ab", 5_000)], harness.TakeOutput());

        // Inside the session: the same window, a new aggregate.
        harness.Pipe("a", "c", 3_000);
        Assert.Equal([new("a", 1_000, 5_000, "abc", 5_000)], harness.TakeOutput());

        // The end moves: the window [1000,5000] is replaced by [1000,9000].
        harness.Pipe("a", "d", 9_000);
        Assert.Equal([new("a", 1_000, 5_000, null, 5_000), new("a", 1_000, 9_000, "abcd", 9_000)], harness.TakeOutput());
    }

    [Fact]
    public void OnWindowUpdateABridgeTombstonesBothMergedSessionsInStartOrderThenSendsTheMergedOne()
    {
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowUpdate());

        harness.Pipe("a", "a", 0);
        harness.Pipe("a", "b", 11_000);
        harness.Pipe("a", "c", 5_500);

        Assert.Equal(
            [
                new("a", 0, 0, "a", 0),
                new("a", 11_000, 11_000, "b", 11_000),
                new("a", 0, 0, null, 0),
                new("a", 11_000, 11_000, null, 11_000),
                new("a", 0, 11_000, "abc", 11_000),
            ],
            harness.TakeOutput());
        Assert.Equal([new Session("a", 0, 11_000, "abc")], harness.StoredSessions(["a"]));
    }

    [Fact]
    public void OnWindowUpdateALateEventForwardsNothing()
    {
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowUpdate());
        harness.Pipe("a", "a", 0);
        harness.Pipe("b", "b", 12_001);
        harness.TakeOutput();

        harness.Pipe("a", "c", 0);

        Assert.Empty(harness.TakeOutput());
        Assert.Equal([new Late("a", "c", 0, 1)], harness.TakeLate());
        Assert.Equal(1, harness.LateCount);
    }

    [Fact]
    public void OnWindowCloseNothingBeforeTheCloseTimeAndExactlyOnceAfterIt()
    {
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowClose());

        harness.Pipe("a", "a", 0);
        harness.Pipe("a", "b", 3_000);
        harness.Pipe("b", "c", 14_999);
        Assert.Empty(harness.TakeOutput());

        // Stream time == end + gap + grace: the close time equals the end, and the session is still open.
        harness.Pipe("b", "d", 15_000);
        Assert.Empty(harness.TakeOutput());

        harness.Pipe("b", "e", 15_001);
        Assert.Equal([new("a", 0, 3_000, "ab", 3_000)], harness.TakeOutput());

        // Later records, and the late one for the closed session, emit nothing more for it.
        harness.Pipe("a", "f", 2_000);
        harness.Pipe("b", "g", 20_000);
        Assert.Empty(harness.TakeOutput());
        Assert.Equal([new Late("a", "f", 2_000, 3_001)], harness.TakeLate());

        harness.Pipe("c", "h", 32_001);
        Assert.Equal([new("b", 14_999, 20_000, "cdeg", 20_000)], harness.TakeOutput());
    }

    [Fact]
    public void WithoutGraceASessionClosesAsSoonAsStreamTimePassesEndPlusGap()
    {
        using var harness = new SessionWindowHarness(SessionWindows.OfInactivityGapWithNoGrace(Gap), EmitStrategy.OnWindowClose());

        harness.Pipe("a", "a", 0);
        harness.Pipe("b", "b", 10_000);
        Assert.Empty(harness.TakeOutput());

        harness.Pipe("b", "c", 10_001);
        Assert.Equal([new("a", 0, 0, "a", 0)], harness.TakeOutput());

        harness.Pipe("a", "d", 0);
        Assert.Equal([new Late("a", "d", 0, 1)], harness.TakeLate());
    }

    [Fact]
    public void WallClockClosesAQuietTaskStrictlyAfterGapPlusGraceOfSilence()
    {
        using var harness = new SessionWindowHarness(EveryMillisecond, EmitStrategy.OnWindowClose());
        harness.Pipe("a", "a", 0);
        harness.Pipe("a", "b", 3_000);

        harness.Driver.AdvanceWallClockTime(Gap + Grace);
        Assert.Empty(harness.TakeOutput());

        harness.Driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new("a", 0, 3_000, "ab", 3_000)], harness.TakeOutput());

        harness.Driver.AdvanceWallClockTime(TimeSpan.FromHours(1));
        Assert.Empty(harness.TakeOutput());
        Assert.Empty(harness.StoredSessions(["a"]));
    }

    [Fact]
    public void WallClockCloseIsCheckedOncePerCheckInterval()
    {
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowClose());
        harness.Pipe("a", "a", 0);

        harness.Driver.AdvanceWallClockTime(Gap + Grace);
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1));
        Assert.Empty(harness.TakeOutput());

        // The next check (every second by default) is at 13 s.
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(999));
        Assert.Equal([new("a", 0, 0, "a", 0)], harness.TakeOutput());
    }

    [Fact]
    public void WallClockSilenceIsCountedFromTheLastRecord()
    {
        using var harness = new SessionWindowHarness(EveryMillisecond, EmitStrategy.OnWindowClose());
        harness.Pipe("a", "a", 0);
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(11));
        harness.Pipe("b", "b", 1_000);

        harness.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(11));
        Assert.Empty(harness.TakeOutput());

        // 12 s after b: stream time is taken as 13 000, so the close time is 1 000.
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        Assert.Equal([new("a", 0, 0, "a", 0)], harness.TakeOutput());

        harness.Driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new("b", 1_000, 1_000, "b", 1_000)], harness.TakeOutput());
    }

    [Fact]
    public void WallClockDoesNothingBeforeTheFirstRecord()
    {
        using var harness = new SessionWindowHarness(EveryMillisecond, EmitStrategy.OnWindowClose());
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromHours(1));

        harness.Pipe("a", "a", 0);
        harness.Driver.AdvanceWallClockTime(Gap + Grace);
        Assert.Empty(harness.TakeOutput());
        Assert.Empty(harness.TakeLate());

        harness.Driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new("a", 0, 0, "a", 0)], harness.TakeOutput());
    }

    [Fact]
    public void StreamTimeAdvancedByTheWallClockMakesLaterOldRecordsLate()
    {
        using var harness = new SessionWindowHarness(EveryMillisecond, EmitStrategy.OnWindowUpdate());
        harness.Pipe("a", "a", 0);

        // 20 s of silence: stream time is taken as 20 000, the close time as 8 000.
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(20));
        Assert.Empty(harness.StoredSessions(["a"]));

        harness.Pipe("a", "b", 7_999);
        harness.Pipe("a", "c", 8_000);

        Assert.Equal([new("a", 0, 0, "a", 0), new("a", 8_000, 8_000, "c", 8_000)], harness.TakeOutput());
        Assert.Equal([new Late("a", "b", 7_999, 8_000)], harness.TakeLate());
        Assert.Equal(1, harness.LateCount);
    }

    [Fact]
    public void WithWallClockCloseOffOnlyStreamTimeClosesSessions()
    {
        using var harness = new SessionWindowHarness(
            SessionWindows.OfInactivityGapAndGrace(Gap, Grace) with { WallClockClose = false }, EmitStrategy.OnWindowClose());
        harness.Pipe("a", "a", 0);

        harness.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(13));
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromDays(2));
        Assert.Empty(harness.TakeOutput());
        Assert.Equal([new Session("a", 0, 0, "a")], harness.StoredSessions(["a"]));

        // A record two days (of wall clock) later is not late: stream time is still 0.
        harness.Pipe("a", "b", 10_000);
        Assert.Empty(harness.TakeLate());
        harness.Pipe("b", "c", 22_001);
        Assert.Equal([new("a", 0, 10_000, "ab", 10_000)], harness.TakeOutput());
    }

    [Fact]
    public void ANullKeyGoesToTheDeadLetterQueueAndDoesNotMoveStreamTime()
    {
        using var harness = new SessionWindowHarness(
            Windows, EmitStrategy.OnWindowUpdate(), TestSupport.Config(deadLetterQueueTopic: SessionWindowHarness.DeadLetterTopic));

        harness.Pipe(null, "x", 1_000_000);
        harness.Pipe("a", "y", 0);

        var dead = Assert.Single(harness.Driver.StringOutput(SessionWindowHarness.DeadLetterTopic).ReadRecordsToList());
        Assert.Null(dead.Key);
        Assert.Equal("x", dead.Value);
        Assert.Equal(1_000_000, dead.Timestamp);
        Assert.Equal("null-key", DeadLetterHeaders.Get(dead.Headers, DeadLetterHeaders.ErrorCode));
        Assert.Equal(SessionWindowHarness.InputTopic, DeadLetterHeaders.Get(dead.Headers, DeadLetterHeaders.Topic));
        Assert.Equal("0", DeadLetterHeaders.Get(dead.Headers, DeadLetterHeaders.Offset));
        Assert.Equal("x", DeadLetterHeaders.Get(dead.Headers, "seq"));

        // The null-key record neither made a session nor moved stream time: the record at 0 is on time.
        Assert.Equal([new("a", 0, 0, "y", 0)], harness.TakeOutput());
        Assert.Empty(harness.TakeLate());
        Assert.Equal(0, harness.LateCount);
    }

    [Fact]
    public void ANullKeyWithoutADeadLetterQueueFailsUnderTheFailHandler()
    {
        using var harness = new SessionWindowHarness(Windows, EmitStrategy.OnWindowUpdate(), TestSupport.Config());

        Assert.Throws<StreamsException>(() => harness.Pipe(null, "x", 0));
    }

    private static List<Session> AsSessions(IEnumerable<Emitted> finals) => SessionWindowHarness.Sorted(finals.Select(final =>
    {
        Assert.NotNull(final.Value);
        return new Session(final.Key, final.Start, final.End, final.Value);
    }));

    private sealed class SessionCase
    {
        public SessionCase(string name, (string Key, long Timestamp)[] events, Session[] expected, Late[]? expectedLate = null)
        {
            Name = name;
            Events = events;
            Expected = SessionWindowHarness.Sorted(expected);
            ExpectedLate = expectedLate ?? [];
        }

        public string Name { get; }

        public (string Key, long Timestamp)[] Events { get; }

        public List<Session> Expected { get; }

        public Late[] ExpectedLate { get; }

        public IEnumerable<string> Keys => Events.Select(e => e.Key).Distinct();

        /// <summary>Stream time after the last event, minus gap and grace.</summary>
        public long CloseTime => Events.Max(e => e.Timestamp) - (long)(Gap + Grace).TotalMilliseconds;

        public void PipeInto(SessionWindowHarness harness)
        {
            for (var i = 0; i < Events.Length; i++)
            {
                harness.Pipe(Events[i].Key, ((char)('a' + i)).ToString(), Events[i].Timestamp);
            }
        }
    }
}
