using Xunit;

namespace JourneyMapper.Journeys.Tests.RealData;

public sealed class PairwiseF1Tests
{
    [Fact]
    public void CountsPairsOfDistinctEventsOfTheSameCustomer()
    {
        // Predicted {a,b,c} {d}, true {a,b} {c,d}: predicted pairs ab ac bc, true pairs ab cd, shared ab.
        var predicted = new[] { Session("u1", "a", "b", "c"), Session("u1", "d") };
        var truth = new Dictionary<string, string> { ["a"] = "s1", ["b"] = "s1", ["c"] = "s2", ["d"] = "s2" };

        var scores = PairwiseF1.Compute(predicted, truth);

        Assert.Equal(new PairwiseScores(3, 2, 1), scores);
        Assert.Equal((1.0 / 3, 0.5, 0.4), (scores.Precision, scores.Recall, scores.F1), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void EventsOfDifferentCustomersNeverFormAPair()
    {
        var truth = new Dictionary<string, string> { ["a"] = "s1", ["b"] = "s1" };

        Assert.Equal(new PairwiseScores(0, 0, 0), PairwiseF1.Compute([Session("u1", "a"), Session("u2", "b")], truth));
    }

    [Fact]
    public void NoPairsToJudgeScoresOne()
    {
        var scores = PairwiseF1.Compute([Session("u1", "a")], new Dictionary<string, string> { ["a"] = "s1" });

        Assert.Equal((1.0, 1.0, 1.0), (scores.Precision, scores.Recall, scores.F1));
    }

    [Fact]
    public void AnEventCountedTwiceOrWithoutATrueSessionIsAnError()
    {
        var truth = new Dictionary<string, string> { ["a"] = "s1" };

        Assert.Throws<ArgumentException>(() => PairwiseF1.Compute([Session("u1", "a"), Session("u1", "a")], truth));
        Assert.Throws<ArgumentException>(() => PairwiseF1.Compute([Session("u1", "b")], truth));
    }

    [Fact]
    public void BatchSessionsOfTheDeduplicatedRealDataScoreAgainstTheTrueSessions()
    {
        var rows = TrivagoDataset.Load();
        var sessions = BatchSessions.Compute(rows.Select(row => row.ToClickEvent()), BatchSessions.DefaultGap);

        var scores = PairwiseF1.Compute(sessions, TrivagoDataset.TrueSessionIds(rows));

        Assert.Equal(new PairwiseScores(31_731, 32_997, 31_320), scores);
        Assert.Equal(0.987, scores.Precision, 3);
        Assert.Equal(0.949, scores.Recall, 3);
        Assert.Equal(0.968, scores.F1, 3);
    }

    // PROVENANCE.md's figures (F1 0.967, precision 0.987, recall 0.948) count every row as its own event:
    // the 70 duplicate rows are kept, and each forms a true and predicted pair with the row it repeats.
    [Fact]
    public void EveryRowAsItsOwnEventGivesProvenanceFigures()
    {
        var rows = TrivagoDataset.Load();
        var sessions = BatchSessions.Compute(rows.Select(row => row.ToClickEvent() with { EventId = LineId(row) }), BatchSessions.DefaultGap);

        var scores = PairwiseF1.Compute(sessions, rows.ToDictionary(LineId, row => row.SessionId));

        Assert.Equal(new PairwiseScores(32_063, 33_361, 31_640), scores);
        Assert.Equal(0.987, scores.Precision, 3);
        Assert.Equal(0.948, scores.Recall, 3);
        Assert.Equal(0.967, scores.F1, 3);
    }

    private static string LineId(TrivagoRow row) => $"line-{row.LineNumber}";

    private static BatchSession Session(string customer, params string[] eventIds) => new(customer, 0, 0, eventIds);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) x, (double, double, double) y) =>
            Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance && Math.Abs(x.Item3 - y.Item3) <= tolerance;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}
