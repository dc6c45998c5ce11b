using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Report;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Report;

/// <summary>The verdicts' exact texts and factors: met, missed by how much, and not measured with the reason.</summary>
public sealed class TargetVerdictsTests
{
    private static readonly LatencySummary FastSegments = new(510_500, 0.05, 0.10, 0.10, 13, 0.06);
    private static readonly LatencySummary FastUpdates = new(1_307_757, 0.05, 0.10, 0.10, 102, 0.06);

    [Fact]
    public void AServiceKeepingUpAt55000BesideAFlatOutPassThroughMeetsAllButTheRate()
    {
        var targets = TargetVerdicts.Of(Phase(59_364, produced: 57_646), Phase(73_699, produced: 73_442), serviceRate: 55_000);

        Assert.Equal(
            [
                "≥ 100,000 events/s sustained for 60 s with bounded lag",
                "≥ 70 % of the pass-through's rate in the same run",
                "p99 close → segment < 250 ms at 50,000 events/s",
                "p99 arrival → provisional update < 100 ms at 50,000 events/s",
            ],
            targets.Select(target => target.Target));
        Assert.Equal(["missed by 1.7×", "met", "met", "met"], targets.Select(target => target.Verdict));
        Assert.Equal([TargetStatus.Missed, TargetStatus.Met, TargetStatus.Met, TargetStatus.Met], targets.Select(target => target.Status));
        Assert.Equal(100_000 / 59_364.0, targets[0].MissedBy!.Value, precision: 12);
        Assert.All(targets.Skip(1), target => Assert.Null(target.MissedBy));
        Assert.Equal("59,364 events/s over 60 s; 55,000 events/s offered, lag bounded", targets[0].Reached);
        Assert.Equal("81 %: 59,364 of the pass-through's 73,699 events/s", targets[1].Reached);
        Assert.Equal("p99 0.10 ms, max ≤ 13 ms (510,500 segments); 55,000 events/s offered, lag bounded", targets[2].Reached);
    }

    [Fact]
    public void TheRateTargetIsMetAtTheRateOverAFullWindowWithBoundedLag()
    {
        var verdict = TargetVerdicts.Of(Phase(100_000, produced: 100_000), null, serviceRate: 0)[0];

        Assert.Equal(TargetStatus.Met, verdict.Status);
        Assert.Equal("met", verdict.Verdict);
        Assert.Equal("100,000 events/s over 60 s; flat out (100,000 events/s produced), lag bounded", verdict.Reached);
    }

    [Fact]
    public void TheRateOverAShorterWindowIsNotMeasuredWhenReachedAndNotedWhenMissed()
    {
        var reached = TargetVerdicts.Of(Phase(120_000, produced: 120_000) with { WindowSeconds = 20 }, null, serviceRate: 0)[0];
        var missed = TargetVerdicts.Of(Phase(40_000, produced: 40_000) with { WindowSeconds = 20 }, null, serviceRate: 0)[0];

        Assert.Equal(TargetStatus.NotMeasured, reached.Status);
        Assert.Equal("not measured in this run: the window was 20 s, shorter than the target's 60 s", reached.Verdict);
        Assert.Equal(TargetStatus.Missed, missed.Status);
        Assert.Equal("missed by 2.5×; the window was 20 s, shorter than the target's 60 s", missed.Verdict);
        Assert.Equal(2.5, missed.MissedBy);
    }

    [Fact]
    public void AServiceFallingBehindHasNoSustainedRateNoFractionAndNoLatencyVerdict()
    {
        var service = Phase(34_882, produced: 68_152) with { LagBounded = false, LostToRetention = true };

        var targets = TargetVerdicts.Of(service, Phase(69_586, produced: 69_655), serviceRate: 0);

        Assert.All(targets, target => Assert.Equal(TargetStatus.NotMeasured, target.Status));
        Assert.Equal(
            "not measured in this run: the service's lag outgrew the input's retention (records lost unread), so 34,882 events/s is not a rate it sustains",
            targets[0].Verdict);
        Assert.Equal(
            "not measured in this run: the service's lag outgrew the input's retention (records lost unread), so its rate is not one it sustains",
            targets[1].Verdict);
        Assert.Equal("not measured in this run: the service's lag outgrew the input's retention (records lost unread)", targets[2].Verdict);
        Assert.Equal("34,882 events/s over 60 s; flat out (68,152 events/s produced), lag past the retention", targets[0].Reached);
    }

    [Fact]
    public void ALagNotBoundedAtTheEndIsNamedAsSuch()
    {
        var verdict = TargetVerdicts.Of(Phase(60_000, produced: 60_000) with { LagBounded = false }, null, serviceRate: 60_000)[3];

        Assert.Equal("not measured in this run: the service's lag was not bounded", verdict.Verdict);
    }

    [Fact]
    public void WithoutAPassThroughPhaseTheFractionIsNotMeasured()
    {
        var verdict = TargetVerdicts.Of(Phase(50_000, produced: 50_000), null, serviceRate: 50_000)[1];

        Assert.Equal(TargetStatus.NotMeasured, verdict.Status);
        Assert.Equal("not measured in this run: there was no pass-through phase (--no-pass-through)", verdict.Verdict);
        Assert.Equal("–", verdict.Reached);
    }

    [Fact]
    public void AFractionBelowTheTargetIsMissedByTheGrowthItNeeds()
    {
        var verdict = TargetVerdicts.Of(Phase(35_000, produced: 35_000), Phase(70_000, produced: 70_000), serviceRate: 0)[1];

        Assert.Equal(TargetStatus.Missed, verdict.Status);
        Assert.Equal("missed by 1.4×", verdict.Verdict);
        Assert.Equal(1.4, verdict.MissedBy!.Value, precision: 12);
        Assert.Equal("50 %: 35,000 of the pass-through's 70,000 events/s", verdict.Reached);
    }

    [Fact]
    public void ANearMissShowsASecondDecimal()
    {
        var verdict = TargetVerdicts.Of(Phase(68_000, produced: 68_000), Phase(100_000, produced: 100_000), serviceRate: 0)[1];

        Assert.Equal("missed by 1.03×", verdict.Verdict);
        Assert.Equal(0.70 / 0.68, verdict.MissedBy!.Value, precision: 12);
    }

    [Fact]
    public void APassThroughThatLostRecordsToRetentionIsNoBaseline()
    {
        var verdict = TargetVerdicts.Of(Phase(50_000, produced: 50_000), Phase(60_000, produced: 90_000) with { LostToRetention = true }, serviceRate: 0)[1];

        Assert.Equal(
            "not measured in this run: the pass-through's lag outgrew the input's retention, so its rate understates the baseline",
            verdict.Verdict);
    }

    [Fact]
    public void LatenciesAreJudgedOnlyAtTheLoadTheyAreSetAt()
    {
        var targets = TargetVerdicts.Of(Phase(20_000, produced: 20_000), null, serviceRate: 20_000);

        Assert.Equal(
            "not measured in this run: the service phase was offered 20,000 events/s, less than the 50,000 the target is set at",
            targets[2].Verdict);
        Assert.Equal(targets[2].Verdict, targets[3].Verdict);
        Assert.Equal("p99 0.10 ms, max ≤ 102 ms (1,307,757 provisional updates); 20,000 events/s offered, lag bounded", targets[3].Reached);
    }

    [Fact]
    public void FlatOutTheLoadIsWhatTheGeneratorProduced()
    {
        var below = TargetVerdicts.Of(Phase(45_000, produced: 45_000), null, serviceRate: 0)[2];
        var above = TargetVerdicts.Of(Phase(57_000, produced: 57_000), null, serviceRate: 0)[2];

        Assert.Equal(
            "not measured in this run: the service phase was offered 45,000 events/s, less than the 50,000 the target is set at",
            below.Verdict);
        Assert.Equal("met", above.Verdict);
    }

    [Fact]
    public void ALatencyAtOrAboveItsTargetIsMissedByTheShrinkItNeeds()
    {
        var service = Phase(50_000, produced: 50_000) with
        {
            CloseToSegment = new LatencySummary(1_000, 40, 300, 500, 819, 60),
            ArrivalToProvisionalUpdate = new LatencySummary(1_000, 40, 90, 100, 205, 50),
        };

        var targets = TargetVerdicts.Of(service, null, serviceRate: 50_000);

        Assert.Equal("missed by 2.0×", targets[2].Verdict);
        Assert.Equal(2.0, targets[2].MissedBy);
        Assert.Equal("missed by 1.00×", targets[3].Verdict); // the target is strictly below 100 ms
        Assert.Equal(1.0, targets[3].MissedBy);
        Assert.Equal("p99 500 ms, max ≤ 819 ms (1,000 segments); 50,000 events/s offered, lag bounded", targets[2].Reached);
    }

    [Fact]
    public void NoSegmentsInTheWindowGiveNoLatencyVerdict()
    {
        var service = Phase(50_000, produced: 50_000) with { CloseToSegment = new LatencySummary(0, null, null, null, null, null) };

        var verdict = TargetVerdicts.Of(service, null, serviceRate: 50_000)[2];

        Assert.Equal("not measured in this run: the service sent no segments in the window", verdict.Verdict);
        Assert.Equal("no segments in the window; 50,000 events/s offered, lag bounded", verdict.Reached);
    }

    private static PhaseResult Phase(double processed, double produced) => new()
    {
        Name = "phase",
        WindowSeconds = 60,
        ProducedPerSecond = produced,
        ProcessedPerSecond = processed,
        ProcessedPerSecondPerInstance = [processed],
        LagAtEnd = 10_000,
        MaxLag = 100_000,
        LagBounded = true,
        LostToRetention = false,
        CpuSecondsPerMillionEvents = 13,
        ProcessScope = "the service's own process(es)",
        PeakWorkingSetBytes = 500L << 20,
        Cpu = CpuBreakdown.NotAvailable("not read in this test"),
        Timeline = [],
        CloseToSegment = FastSegments,
        ArrivalToProvisionalUpdate = FastUpdates,
    };
}
