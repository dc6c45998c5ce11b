using JourneyMapper.Journeys.Dedup;
using JourneyMapper.Streams.Mock;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Dedup;

public sealed class DeduplicationTopologyTests
{
    // The default horizon, which every run here uses.
    private const long HorizonMs = 24 * 3_600_000L;
    private static readonly long T0 = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void RepeatsAreDroppedAndCounted()
    {
        using var run = new DedupRun();

        run.Pipe("c1", "e1", T0, "first");
        run.Pipe("c1", "e2", T0 + 1_000);
        run.Pipe("c1", "e1", T0, "second");
        run.Pipe("c2", "e3", T0 + 2_000);
        run.Pipe("c1", "e2", T0 + 1_000);
        run.Pipe("c1", "e1", T0 + 5_000, "third, re-stamped");

        Assert.Equal([("c1", "e1", T0, "first"), ("c1", "e2", T0 + 1_000, null), ("c2", "e3", T0 + 2_000, null)], run.Output());
        Assert.Equal(3, run.DuplicatesDropped);
    }

    [Fact]
    public void OutOfOrderEventsOfACustomerKeepTheirFirstArrival()
    {
        using var run = new DedupRun();

        run.Pipe("c1", "e2", T0 + 600_000, "e2 first");
        run.Pipe("c1", "e1", T0 + 300_000, "e1 first");
        run.Pipe("c1", "e2", T0 + 600_000, "e2 again");
        run.Pipe("c1", "e1", T0 + 300_000, "e1 again");
        run.Pipe("c1", "e3", T0);

        Assert.Equal(
            [("c1", "e2", T0 + 600_000, "e2 first"), ("c1", "e1", T0 + 300_000, "e1 first"), ("c1", "e3", T0, null)],
            run.Output());
        Assert.Equal(2, run.DuplicatesDropped);
    }

    [Fact]
    public void ARepeatIsDroppedUntilStreamTimeIsAFullHorizonPastTheFirstArrival()
    {
        using var run = new DedupRun();
        run.Pipe("c1", "e1", T0);

        run.Pipe("c2", "clock-1", T0 + HorizonMs - 1);
        run.Pipe("c1", "e1", T0, "last millisecond of the horizon");
        run.Pipe("c2", "clock-2", T0 + HorizonMs);
        run.Pipe("c1", "e1", T0, "past the horizon");

        Assert.Equal(["e1", "clock-1", "clock-2", "e1"], run.Output().Select(record => record.EventId));
        Assert.Equal("past the horizon", run.Output()[^1].Tag);
        Assert.Equal(1, run.DuplicatesDropped);
    }

    [Fact]
    public void AnEventIdReplayedAfterTheHorizonPassesAndIsRememberedAnew()
    {
        using var run = new DedupRun();
        run.Pipe("c1", "e1", T0);

        run.Pipe("c1", "e1", T0 + HorizonMs, "replayed");
        run.Pipe("c1", "e1", T0 + HorizonMs, "replayed twice");

        Assert.Equal([("c1", "e1", T0, null), ("c1", "e1", T0 + HorizonMs, "replayed")], run.Output());
        Assert.Equal(1, run.DuplicatesDropped);
    }

    [Fact]
    public void TheHorizonRunsOnTheTasksStreamTimeNotPerCustomer()
    {
        using var run = new DedupRun();
        run.Pipe("c1", "e1", T0);
        run.Pipe("c2", "e2", T0 + HorizonMs + 60_000);

        run.Pipe("c1", "e1", T0 + 60_000, "re-stamped a minute later");

        Assert.Equal(["e1", "e2", "e1"], run.Output().Select(record => record.EventId));
        Assert.Equal(0, run.DuplicatesDropped);
    }

    [Fact]
    public void ARestartedTaskRestoresWhatItHadSeenFromTheChangelog()
    {
        List<TestRecord<byte[], byte[]>> changelog;
        using (var before = new DedupRun())
        {
            before.Pipe("c1", "e1", T0);
            before.Pipe("c2", "e2", T0 + 1_000);
            before.Pipe("c1", "e1", T0);
            changelog = before.Changelog();
        }

        Assert.Equal(2, changelog.Count);
        using var after = new DedupRun();
        after.Restore(changelog);
        Assert.Equal(T0 + 1_000, after.Store.ObservedStreamTime);

        after.Pipe("c1", "e1", T0);
        after.Pipe("c2", "e2", T0 + 1_000);
        after.Pipe("c1", "e3", T0 + 2_000);

        Assert.Equal([("c1", "e3", T0 + 2_000, null)], after.Output());
        Assert.Equal(2, after.DuplicatesDropped);
    }

    [Fact]
    public void TheStoreIsLoggedToACompactedChangelogKeptForTheHorizonPlusADay()
    {
        var topic = Assert.Single(DedupRun.BuildTopology(new DeduplicationOptions()).InternalTopics("journeys-test"));

        Assert.Equal("journeys-test-dedup-changelog", topic.Name);
        Assert.Equal("compact,delete", topic.Config["cleanup.policy"]);
        Assert.Equal("172800000", topic.Config["retention.ms"]);
    }
}
