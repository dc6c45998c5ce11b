using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.RealData;

public sealed class BatchSessionsTests
{
    private const long Minute = 60_000;
    private static readonly TimeSpan Gap = BatchSessions.DefaultGap;

    [Fact]
    public void AGapOfExactlyThirtyMinutesStaysInOneSession()
    {
        var sessions = BatchSessions.Compute([Event("a", 0), Event("b", 30 * Minute), Event("c", 60 * Minute)], Gap);

        Assert.Equal([("u1", 0L, 60 * Minute, "a,b,c")], Shape(sessions));
    }

    [Fact]
    public void OneMillisecondMoreCuts()
    {
        var sessions = BatchSessions.Compute([Event("a", 0), Event("b", (30 * Minute) + 1)], Gap);

        Assert.Equal([("u1", 0L, 0L, "a"), ("u1", (30 * Minute) + 1, (30 * Minute) + 1, "b")], Shape(sessions));
    }

    [Fact]
    public void EventsAreOrderedByTimeThenEventIdWhateverTheInputOrder()
    {
        var sessions = BatchSessions.Compute([Event("z", 5 * Minute), Event("b", Minute), Event("a", Minute), Event("m", 0)], Gap);

        Assert.Equal([("u1", 0L, 5 * Minute, "m,a,b,z")], Shape(sessions));
    }

    [Fact]
    public void AnEventThatFillsAGapMergesTwoSessions()
    {
        var sessions = BatchSessions.Compute([Event("a", 0), Event("c", 50 * Minute), Event("b", 25 * Minute)], Gap);

        Assert.Equal([("u1", 0L, 50 * Minute, "a,b,c")], Shape(sessions));
    }

    [Fact]
    public void TheFirstOccurrenceOfAnEventIdWins()
    {
        var sessions = BatchSessions.Compute([Event("a", 0), Event("b", 10 * Minute), Event("b", 90 * Minute)], Gap);

        Assert.Equal([("u1", 0L, 10 * Minute, "a,b")], Shape(sessions));
    }

    [Fact]
    public void CustomersAreTheUserElseTheAnonymousIdAndNeverShareASession()
    {
        var sessions = BatchSessions.Compute(
            [Event("a", 0, user: "u2"), Event("b", Minute, user: null, anonymous: "v1"), Event("c", 2 * Minute, user: "u1", anonymous: "v1")],
            Gap);

        Assert.Equal([("u1", 2 * Minute, 2 * Minute, "c"), ("u2", 0L, 0L, "a"), ("v1", Minute, Minute, "b")], Shape(sessions));
    }

    [Fact]
    public void RealDataGivesFourThousandSixHundredNinetyEightSessions()
    {
        var sessions = BatchSessions.Compute(TrivagoDataset.LoadClickEvents(), Gap);

        Assert.Equal(4_698, sessions.Count);
        Assert.Equal(12_039, sessions.Sum(session => session.EventIds.Count));
        Assert.Equal(3_812, sessions.Select(session => session.Customer).Distinct().Count());
        Assert.Equal(TimeSpan.FromSeconds(12_060), TimeSpan.FromMilliseconds(sessions.Max(session => session.End - session.Start)));
    }

    [Fact]
    public void DuplicateRowsDoNotChangeTheSessionCount()
    {
        var rowIds = TrivagoDataset.Load().Select(row => row.ToClickEvent() with { EventId = $"line-{row.LineNumber}" });

        var sessions = BatchSessions.Compute(rowIds, Gap);

        Assert.Equal((4_698, 12_109), (sessions.Count, sessions.Sum(session => session.EventIds.Count)));
    }

    private static ClickEvent Event(string id, long timestamp, string? user = "u1", string? anonymous = null) =>
        new() { EventId = id, Timestamp = timestamp, EventType = "page_view", UserId = user, AnonymousId = anonymous };

    private static List<(string, long, long, string)> Shape(IEnumerable<BatchSession> sessions) =>
        [.. sessions.Select(session => (session.Customer, session.Start, session.End, string.Join(',', session.EventIds)))];
}
