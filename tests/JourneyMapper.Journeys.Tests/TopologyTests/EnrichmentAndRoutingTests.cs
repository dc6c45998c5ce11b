using JourneyMapper.Journeys.Enrichment;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>The profile join at close, consent, provisional updates and where segments are routed.</summary>
public sealed class EnrichmentAndRoutingTests : IDisposable
{
    private readonly JourneyDriver _journeys = new();

    public void Dispose() => _journeys.Dispose();

    private static UserProfile Gold(string userId, bool marketing = true, bool analytics = true) => new()
    {
        UserId = userId,
        Tier = Tier.Gold,
        Persona = "deal-hunter",
        LifetimeValue = 1234.5m,
        Country = "DE",
        AnalyticsConsent = analytics,
        MarketingConsent = marketing,
        UpdatedAt = JourneyDriver.T0,
    };

    [Fact]
    public void ASessionIsJoinedWithTheProfileAsItStandsAtClose()
    {
        _journeys.Profile("alice", Gold("alice") with { Country = "FR" });
        _journeys.Send("alice", 0);
        _journeys.Profile("alice", Gold("alice"));
        _journeys.AdvanceStreamTimePast(0);

        var segment = Assert.Single(_journeys.Segments());
        Assert.Equivalent(
            new ProfileSnapshot { Tier = "gold", Persona = "deal-hunter", LifetimeValue = 1234.5, Country = "DE", MarketingConsent = true },
            segment.Profile,
            strict: true);
    }

    [Fact]
    public void AProfileArrivingAfterTheEventsButBeforeCloseIsJoined()
    {
        _journeys.Send("alice", 0);
        _journeys.Profile("alice", Gold("alice"));
        _journeys.AdvanceStreamTimePast(0);

        Assert.Equal("gold", Assert.Single(_journeys.Segments()).Profile?.Tier);
    }

    [Fact]
    public void SessionsWithoutAProfileFlowWithANullProfile()
    {
        _journeys.Send(_journeys.Event("ignored", 0) with { UserId = null, AnonymousId = "anon-1" });
        _journeys.Send("never-profiled", 0);
        _journeys.AdvanceStreamTimePast(0);

        var segments = _journeys.Segments().OrderBy(s => s.UserId ?? s.AnonymousId).ToList();
        Assert.Equal([("anon-1", (ProfileSnapshot?)null), ("never-profiled", null)], segments.Select(s => ((s.UserId ?? s.AnonymousId)!, s.Profile)));
    }

    [Fact]
    public void ATombstoneDeletesTheProfileBeforeTheJoin()
    {
        _journeys.Profile("alice", Gold("alice"));
        _journeys.Send("alice", 0);
        _journeys.Profile("alice", null);
        _journeys.AdvanceStreamTimePast(0);

        Assert.Null(Assert.Single(_journeys.Segments()).Profile);
    }

    [Fact]
    public void EventsOfCustomersWithoutAnalyticsConsentAreNotSessionizedButCounted()
    {
        _journeys.Profile("private", Gold("private", analytics: false));
        _journeys.Send("private", 0);
        _journeys.Send("private", 1);
        _journeys.Send("public", 0);
        _journeys.AdvanceStreamTimePast(1);

        Assert.Equal(["public"], _journeys.Segments().Select(s => s.UserId));
        Assert.Equal(2, _journeys.Driver.Metrics.Get(DropWithoutAnalyticsConsent.ConsentWithheld));
    }

    [Fact]
    public void AWindowShopperViewingTheSameProductAgainIsUpgradedToHighIntentAtOnce()
    {
        _journeys.Send("alice", 0, "page_view");
        _journeys.Send("alice", 1, "product_view", "p1");
        var shopper = Assert.Single(_journeys.Updates());
        Assert.Equal(("window-shopper", 1, (ClosedBy?)null), (shopper.PrimarySegment, shopper.Revision, shopper.ClosedBy));

        _journeys.Send("alice", 2, "product_view", "p1");
        Assert.Empty(_journeys.Updates());
        _journeys.Send("alice", 3, "product_view", "p1");

        var upgrade = Assert.Single(_journeys.Updates());
        Assert.Equal(("high-intent-buyer", 2), (upgrade.PrimarySegment, upgrade.Revision));
        Assert.Equal(shopper.SessionId, upgrade.SessionId);
        Assert.Equal(4, upgrade.EventCount);

        _journeys.AdvanceStreamTimePast(3);
        var closed = Assert.Single(_journeys.Segments());
        Assert.Equal(("high-intent-buyer", 3, upgrade.SessionId), (closed.PrimarySegment, closed.Revision, closed.SessionId));
    }

    [Fact]
    public void TriggerSegmentsAreCopiedToTheirTopicOnlyWithMarketingConsent()
    {
        var triggers = _journeys.Output<JourneySegment>("journey.triggers.cart-abandonment");
        _journeys.Profile("consenting", Gold("consenting"));
        _journeys.Profile("declining", Gold("declining", marketing: false));
        foreach (var customer in new[] { "consenting", "declining", "anonymous-less" })
        {
            _journeys.Send(customer, 0, "product_view", "p1");
            _journeys.Send(customer, 1, "add_to_cart", "p1");
        }

        _journeys.AdvanceStreamTimePast(1);

        Assert.Equal(3, _journeys.Segments().Count);
        Assert.Equal(["consenting"], triggers.ReadRecordsToList().Select(record => record.Key));
    }

    [Fact]
    public void BotSuspectsGoToTheAlertsTopic()
    {
        for (var second = 0; second < 60; second++)
        {
            _journeys.Send("bot", second / 60.0, "page_view");
        }

        _journeys.Send("human", 0, "page_view");
        _journeys.AdvanceStreamTimePast(1);

        var alert = Assert.Single(_journeys.Alerts());
        Assert.Equal(("bot", "bot-suspect"), (alert.UserId, alert.PrimarySegment));
    }
}
