using JourneyMapper.Examples;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>The example step of examples/, attached to the named streams, runs inside the topology.</summary>
public sealed class ExtensionTests
{
    [Fact]
    public void AnExtensionReceivesTheNamedStreamsAndItsOutputIsWritten()
    {
        using var journeys = new JourneyDriver(extensions: [new HighValueCartAbandonment()]);
        var highValue = journeys.Output<JourneySegment>(HighValueCartAbandonment.Topic);
        journeys.Profile("loyal", new UserProfile { UserId = "loyal", LifetimeValue = 1_000m, AnalyticsConsent = true });
        journeys.Profile("new", new UserProfile { UserId = "new", LifetimeValue = 999.99m, AnalyticsConsent = true });
        foreach (var customer in new[] { "loyal", "new" })
        {
            journeys.Send(customer, 0, "product_view", "p1");
            journeys.Send(customer, 1, "add_to_cart", "p1");
        }

        journeys.AdvanceStreamTimePast(1);

        Assert.Equal(2, journeys.Segments().Count);
        var record = Assert.Single(highValue.ReadRecordsToList());
        Assert.Equal(("loyal", "cart-abandonment"), (record.Key, record.Value.PrimarySegment));
    }
}
