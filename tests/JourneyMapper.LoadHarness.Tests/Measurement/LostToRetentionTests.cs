using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Metrics;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Measurement;

/// <summary>Whether records were deleted before the system under test read them.</summary>
public sealed class LostToRetentionTests
{
    private const string Input = "clickstream.events";

    // A lag of 300 over an input holding 200: what the lag alone would take for lost records.
    private static readonly LoadSample[] FarBehind = [new(TimeSpan.FromSeconds(1), Produced: 1_000, Held: 200, Processed: 700, ProcessedPerInstance: [700])];

    [Fact]
    public void TheServiceIsJudgedByTheResetsItsConsumersCounted()
    {
        var reset = Scrape($$"""journeymapper_offset_resets_total{partition="3",topic="{{Input}}"} 2""");
        var otherTopic = Scrape("""journeymapper_offset_resets_total{partition="0",topic="journey-mapper-sessions-changelog"} 1""");
        var none = Scrape("""journeymapper_records_consumed_total{topic="clickstream.events"} 700""");

        Assert.True(PhaseRunner.LostToRetention(Input, [], [none, reset]));
        Assert.False(PhaseRunner.LostToRetention(Input, [], [otherTopic]));

        // Records its client fetched before retention deleted them are lag, and not lost.
        Assert.False(PhaseRunner.LostToRetention(Input, FarBehind, [none]));
    }

    [Fact]
    public void WithoutMetricsALagBeyondWhatTheInputHoldsIsTakenForLoss()
    {
        Assert.True(PhaseRunner.LostToRetention(Input, FarBehind, []));
        Assert.False(PhaseRunner.LostToRetention(Input, [FarBehind[0] with { Processed = 900 }], []));
    }

    private static PrometheusScrape Scrape(string sample) => PrometheusScrape.Parse("# TYPE x counter\n" + sample + "\n");
}
