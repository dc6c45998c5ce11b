using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>A user's own step, attached to the named streams in a few lines, runs inside the topology.</summary>
public sealed class ExtensionTests
{
    /// <summary>The README's example: purchases by gold customers, as their own topic.</summary>
    private sealed class GoldPurchases : IJourneyTopologyExtension
    {
        public void Extend(JourneyStreams streams) => streams.Segments
            .Filter((_, segment) => segment.PrimarySegment == "converted" && segment.Profile?.Tier == "gold")
            .To("journey.gold-purchases", Produced.With(Serdes.String, streams.Serdes.Segments));
    }

    [Fact]
    public void AnExtensionReceivesTheNamedStreamsAndItsOutputIsWritten()
    {
        using var journeys = new JourneyDriver(extensions: [new GoldPurchases()]);
        var goldPurchases = journeys.Output<JourneySegment>("journey.gold-purchases");
        journeys.Profile("gold", new UserProfile { UserId = "gold", Tier = Tier.Gold, AnalyticsConsent = true });
        journeys.Profile("silver", new UserProfile { UserId = "silver", Tier = Tier.Silver, AnalyticsConsent = true });
        foreach (var customer in new[] { "gold", "silver" })
        {
            journeys.Send(customer, 0, "product_view", "p1");
            journeys.Send(customer, 1, "purchase", "p1");
        }

        journeys.AdvanceStreamTimePast(1);

        Assert.Equal(2, journeys.Segments().Count);
        var record = Assert.Single(goldPurchases.ReadRecordsToList());
        Assert.Equal(("gold", "converted"), (record.Key, record.Value.PrimarySegment));
    }
}
