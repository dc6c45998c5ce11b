using System.Text;
using JourneyMapper.Journeys.Segments;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>SPEC's session semantics, through the whole topology: gap, grace, merges, late events, duplicates, caps.</summary>
public sealed class SessionizationTests : IDisposable
{
    private readonly JourneyDriver _journeys = new();

    public void Dispose() => _journeys.Dispose();

    [Fact]
    public void EventsWithinTheGapFormOneSessionThatClosesAfterGapPlusGrace()
    {
        var first = _journeys.Send("alice", 0, "page_view");
        var second = _journeys.Send("alice", 10, "product_view", "p1");
        var third = _journeys.Send("alice", 39.5, "add_to_cart", "p1");

        // Closes when stream time passes end + 30 min gap + 2 min grace, not a millisecond earlier.
        _journeys.Send("clock-advancer", 39.5 + 32);
        Assert.Empty(_journeys.Segments());
        _journeys.Send("clock-advancer", 39.5 + 32.001);

        var segment = Assert.Single(_journeys.Segments());
        Assert.Equal("alice", segment.UserId);
        Assert.Equal(first.Timestamp, segment.Start);
        Assert.Equal(third.Timestamp, segment.End);
        Assert.Equal(3, segment.EventCount);
        Assert.Equal([first.EventId!, second.EventId!, third.EventId!], segment.EventIds);
        Assert.Equal(["page_view", "product_view", "add_to_cart"], segment.Path);
        Assert.False(segment.Truncated);
        Assert.Equal(ClosedBy.Inactivity, segment.ClosedBy);
        Assert.Equal("cart-abandonment", segment.PrimarySegment);
        Assert.Null(segment.Profile);
    }

    [Fact]
    public void AGapOfExactlyThirtyMinutesKeepsOneSessionAndOneMillisecondMoreSplitsIt()
    {
        _journeys.Send("alice", 0);
        _journeys.Send("alice", 30);
        _journeys.Send("bob", 0);
        _journeys.Send(_journeys.Event("bob", 30) with { Timestamp = JourneyDriver.T0 + (30 * 60_000) + 1 });
        _journeys.AdvanceStreamTimePast(31);

        var segments = _journeys.Segments().OrderBy(s => s.UserId).ThenBy(s => s.Start).ToList();
        Assert.Equal([("alice", 2), ("bob", 1), ("bob", 1)], segments.Select(s => (s.UserId!, s.EventCount)));
    }

    [Fact]
    public void AnOutOfOrderEventWithinGraceBridgesTwoSessionsIntoOne()
    {
        var early = _journeys.Send("alice", 0, id: "a");
        var late = _journeys.Send("alice", 31, id: "c");
        var bridge = _journeys.Send("alice", 15.5, id: "b");
        _journeys.AdvanceStreamTimePast(31);

        var segment = Assert.Single(_journeys.Segments());
        Assert.Equal(["a", "b", "c"], segment.EventIds);
        Assert.Equal((early.Timestamp, late.Timestamp), (segment.Start, segment.End));
        Assert.Equal(3, segment.EventCount);
        Assert.Empty(_journeys.Late());
        Assert.NotNull(bridge);
    }

    [Fact]
    public void AnEventForASessionClosedBeyondGraceGoesToLateEventsWithTheReason()
    {
        _journeys.Send("alice", 0);
        _journeys.Send("clock-advancer", 40);

        // Its own window would have ended at 0.5 min; stream time at 40 min closes everything before 8 min.
        var straggler = _journeys.Send("alice", 0.5, id: "straggler");

        var late = Assert.Single(_journeys.Late());
        Assert.Equal("alice", late.Key);
        Assert.Equivalent(straggler, late.Value, strict: true);
        Assert.Equal(LateRecordHeaders.WindowClosed, Encoding.UTF8.GetString(late.Headers.GetLastBytes(LateRecordHeaders.Reason)));
        Assert.Single(_journeys.Segments());
        Assert.Equal(1, _journeys.Driver.Metrics.Get(StreamsMetrics.LateRecords));
    }

    [Fact]
    public void AnEventFromTheFarFutureGoesToTheDeadLetterQueueWithoutClosingOpenSessions()
    {
        _journeys.Send("alice", 0);
        _journeys.Send(_journeys.Event("mallory", 0) with { Timestamp = JourneyDriver.Now.AddYears(100).ToUnixTimeMilliseconds() });
        _journeys.Send("alice", 10);
        Assert.Empty(_journeys.Segments());

        _journeys.AdvanceStreamTimePast(10);
        Assert.Equal(2, Assert.Single(_journeys.Segments()).EventCount);
        Assert.Single(_journeys.DeadLetters());
    }

    [Fact]
    public void DuplicatesAreDroppedAndCounted()
    {
        var original = _journeys.Send("alice", 0, id: "dup");
        _journeys.Send(original);
        _journeys.Send(original with { Timestamp = original.Timestamp + 60_000 });
        _journeys.AdvanceStreamTimePast(1);

        var segment = Assert.Single(_journeys.Segments());
        Assert.Equal(["dup"], segment.EventIds);
        Assert.Equal(2, _journeys.Driver.Metrics.Get(Journeys.Dedup.DeduplicateEvents.DuplicatesDropped));
    }

    [Fact]
    public void WronglyKeyedInputIsReKeyedByCustomerIdThroughARepartitionTopic()
    {
        _journeys.Send(_journeys.Event("alice", 0), key: "some-device");
        _journeys.Send(_journeys.Event("alice", 5), key: null);
        _journeys.Send(_journeys.Event("alice", 10));
        _journeys.AdvanceStreamTimePast(10);

        var segment = Assert.Single(_journeys.Segments());
        Assert.Equal(3, segment.EventCount);
        var topology = JourneyTopology.Build(_journeys.Options, JourneySerdes.Json, TimeProvider.System);
        Assert.Contains("journeys-test-events-by-customer-repartition", topology.InternalTopics("journeys-test").Select(topic => topic.Name));
    }

    [Fact]
    public void PathAndEventIdsAreCappedInEventTimeOrderWithTheTruncatedFlag()
    {
        using var journeys = new JourneyDriver(JourneyDriver.TestOptions() with
        {
            Sessions = new Journeys.Sessions.SessionOptions { WallClockClose = false, MaxEventIds = 3, MaxPathLength = 2 },
        });
        foreach (var minute in new[] { 5, 1, 4, 2, 3 })
        {
            journeys.Send("alice", minute, id: $"m{minute}");
        }

        journeys.AdvanceStreamTimePast(5);

        var segment = Assert.Single(journeys.Segments());
        Assert.Equal(5, segment.EventCount);
        Assert.Equal(["m1", "m2", "m3"], segment.EventIds);
        Assert.Equal(2, segment.Path.Count);
        Assert.True(segment.Truncated);
    }

    [Fact]
    public void ASessionReachingTheMaximumDurationClosesAndTheNextEventStartsAFreshOne()
    {
        using var journeys = new JourneyDriver(JourneyDriver.TestOptions() with
        {
            Sessions = new Journeys.Sessions.SessionOptions { WallClockClose = false, MaxDuration = TimeSpan.FromMinutes(60) },
        });
        for (var minute = 0; minute <= 100; minute += 20)
        {
            journeys.Send("bot", minute, id: $"b{minute:D3}");
        }

        var closedEarly = Assert.Single(journeys.Segments());
        Assert.Equal(ClosedBy.MaxDuration, closedEarly.ClosedBy);
        Assert.Equal(["b000", "b020", "b040", "b060"], closedEarly.EventIds);

        journeys.AdvanceStreamTimePast(100);
        var rest = Assert.Single(journeys.Segments());
        Assert.Equal(["b080", "b100"], rest.EventIds);
        Assert.Equal(ClosedBy.Inactivity, rest.ClosedBy);
    }

    [Fact]
    public void QuietPartitionsCloseByWallClockAsIdleTimeout()
    {
        using var journeys = new JourneyDriver(JourneyDriver.TestOptions() with { Sessions = new Journeys.Sessions.SessionOptions() });
        journeys.Send("alice", 0);
        journeys.Driver.AdvanceWallClockTime(TimeSpan.FromMinutes(32));
        Assert.Empty(journeys.Segments());

        journeys.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        var segment = Assert.Single(journeys.Segments());
        Assert.Equal(ClosedBy.IdleTimeout, segment.ClosedBy);
    }

    /// <summary>The first half of SHA-256 over "{customer}\n{start}" in UTF-8, as hex (values from Python's hashlib): ids
    /// already written downstream stay valid across versions.</summary>
    [Theory]
    [InlineData("user-000042", 1, 1732270000123L, "746fb7d925b8f9bbd30b97b6341985f5")]
    [InlineData("kund-ö-7", 1, -5L, "a006d8b30f5f5764a2cf2608008683f4")]
    [InlineData("ö", 300, long.MaxValue, "f6d443d609088bc664a6ec4a46605dad")]
    public void TheSessionIdIsTheHashOfTheCustomerAndTheStart(string customerPart, int repeats, long start, string expected) =>
        Assert.Equal(expected, SegmentBuilder.SessionId(string.Concat(Enumerable.Repeat(customerPart, repeats)), start));

    [Fact]
    public void TheSessionIdIsStableForTheSameInput()
    {
        _journeys.Send("alice", 0, id: "x");
        _journeys.AdvanceStreamTimePast(0);
        using var again = new JourneyDriver();
        again.Send("alice", 0, id: "x");
        again.AdvanceStreamTimePast(0);

        Assert.Equal(Assert.Single(_journeys.Segments()).SessionId, Assert.Single(again.Segments()).SessionId);
    }
}
