using JourneyMapper.Journeys.Classification;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Classification;

/// <summary>The default table against clickstreams: every segment is primary for some session and not for a neighbouring one.</summary>
public sealed class DefaultSegmentRulesTests
{
    private static readonly SessionClassifier Classifier = new(new ClassificationOptions());

    private static SegmentMatch Match(string segment, string rule) => new(segment, $"{segment}/{rule}");

    [Fact]
    public void TheTenSegmentsOfTheSpecInPriorityOrder()
    {
        string[] spec =
        [
            "bot-suspect", "converted", "checkout-abandonment", "cart-abandonment", "high-intent-buyer", "purchase-intent",
            "support-seeking", "product-exploration", "window-shopper", "bounce",
        ];

        Assert.Equal(spec, DefaultSegmentRules.Segments);
        Assert.Equal(spec, new ClassificationOptions().Rules.Select(rule => rule.Segment).Distinct());
        Assert.Equal("unclassified", new ClassificationOptions().DefaultSegment);
        Assert.True(new ClassificationOptionsValidator().Validate(null, new ClassificationOptions()).Succeeded);
    }

    [Fact]
    public void EachOptionsObjectOwnsItsRules()
    {
        var first = new ClassificationOptions();
        first.Rules[0].When = "eventCount > 1000";

        Assert.Equal("eventCount >= 20 && eventsPerMinute >= 30", new ClassificationOptions().Rules[0].When);
    }

    [Fact]
    public void BotSuspectByRate()
    {
        var result = Classify(new TestSession().Add(40, "page_view", afterMinutes: 0.02));

        Assert.Equal("bot-suspect", result.PrimarySegment);
        Assert.Equal([Match("bot-suspect", "machine-rate")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["eventCount"] = 40, ["eventsPerMinute"] = 40 }, result.Features);
    }

    [Fact]
    public void BotSuspectByHammeringOnePage()
    {
        var result = Classify(new TestSession().Add(30, "page_view", page: "/", afterMinutes: 1));

        Assert.Equal("bot-suspect", result.PrimarySegment);
        Assert.Equal([Match("bot-suspect", "page-hammering")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["maxPageRepeats"] = 30, ["distinctEventTypes"] = 1 }, result.Features);
    }

    [Fact]
    public void NotBotSuspectBelowTwentyEvents()
    {
        var result = Classify(new TestSession().Add(19, "page_view", afterMinutes: 0.02));

        Assert.Equal("unclassified", result.PrimarySegment);
        Assert.Empty(result.Segments);
        Assert.Empty(result.Features);
    }

    [Fact]
    public void Converted()
    {
        var result = Classify(new TestSession().Add("page_view").View("p1").Add("add_to_cart", "p1").Add("checkout_start").Add("purchase"));

        Assert.Equal("converted", result.PrimarySegment);
        Assert.Equal([Match("converted", "purchased")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["purchase.count"] = 1 }, result.Features);
    }

    [Fact]
    public void ABotThatPurchasesIsBotSuspectFirst()
    {
        var result = Classify(new TestSession().Add(29, "page_view", afterMinutes: 0.02).Add("purchase", afterMinutes: 0.02));

        Assert.Equal("bot-suspect", result.PrimarySegment);
        Assert.Equal([Match("bot-suspect", "machine-rate"), Match("converted", "purchased")], result.Segments);
    }

    [Fact]
    public void CheckoutAbandonment()
    {
        var result = Classify(new TestSession().View("p1").Add("add_to_cart", "p1").Add("checkout_start"));

        Assert.Equal("checkout-abandonment", result.PrimarySegment);
        Assert.Equal(
            [Match("checkout-abandonment", "checkout-without-purchase"), Match("high-intent-buyer", "checkout-started"), Match("purchase-intent", "cart-activity")],
            result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["checkout_start.count"] = 1, ["purchase.count"] = 0, ["add_to_cart.count"] = 1 }, result.Features);
    }

    [Fact]
    public void ACheckoutThatEndsInAPurchaseIsConverted()
    {
        var result = Classify(new TestSession().View("p1").Add("add_to_cart", "p1").Add("checkout_start").Add("purchase"));

        Assert.Equal("converted", result.PrimarySegment);
        Assert.Equal([Match("converted", "purchased")], result.Segments);
    }

    [Fact]
    public void CartAbandonment()
    {
        var result = Classify(new TestSession().View("p1").Add("add_to_cart", "p1"));

        Assert.Equal("cart-abandonment", result.PrimarySegment);
        Assert.Equal([Match("cart-abandonment", "items-left-in-cart"), Match("purchase-intent", "cart-activity")], result.Segments);
        Assert.Equal(
            new Dictionary<string, double> { ["add_to_cart.count"] = 1, ["remove_from_cart.count"] = 0, ["checkout_start.count"] = 0, ["purchase.count"] = 0 },
            result.Features);
    }

    [Fact]
    public void AnEmptiedCartIsPurchaseIntentNotCartAbandonment()
    {
        var result = Classify(new TestSession().View("p1").Add("add_to_cart", "p1").Add("remove_from_cart", "p1"));

        Assert.Equal("purchase-intent", result.PrimarySegment);
        Assert.Equal([Match("purchase-intent", "cart-activity")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["add_to_cart.count"] = 1, ["purchase.count"] = 0 }, result.Features);
    }

    [Fact]
    public void HighIntentBuyerByViewingTheSameProductThreeTimes()
    {
        var result = Classify(new TestSession().Add("page_view").View("p1", times: 3));

        Assert.Equal("high-intent-buyer", result.PrimarySegment);
        Assert.Equal([Match("high-intent-buyer", "same-product-viewed-repeatedly")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["maxProductViews"] = 3, ["purchase.count"] = 0 }, result.Features);
    }

    [Fact]
    public void HighIntentBuyerByAskingSupportWhileShopping()
    {
        var result = Classify(new TestSession().View("p1").Add("support_contact"));

        Assert.Equal("high-intent-buyer", result.PrimarySegment);
        Assert.Equal([Match("high-intent-buyer", "support-while-shopping"), Match("support-seeking", "contacted-support")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["support_contact.count"] = 1, ["funnelStep"] = 1, ["purchase.count"] = 0 }, result.Features);
    }

    [Fact]
    public void NoHighIntentOnceTheProductIsBought()
    {
        var result = Classify(new TestSession().View("p1", times: 3).Add("add_to_cart", "p1").Add("purchase"));

        Assert.Equal("converted", result.PrimarySegment);
        Assert.Equal([Match("converted", "purchased")], result.Segments);
    }

    [Fact]
    public void SupportSeekingWithoutShopping()
    {
        var result = Classify(new TestSession().Add("login").Add("support_contact"));

        Assert.Equal("support-seeking", result.PrimarySegment);
        Assert.Equal([Match("support-seeking", "contacted-support")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["support_contact.count"] = 1 }, result.Features);
    }

    [Fact]
    public void ProductExplorationAcrossFourProducts()
    {
        var result = Classify(new TestSession().View("p1").View("p2").View("p3").View("p4"));

        Assert.Equal("product-exploration", result.PrimarySegment);
        Assert.Equal([Match("product-exploration", "many-products"), Match("window-shopper", "casual-browsing")], result.Segments);
    }

    [Fact]
    public void ProductExplorationBySearchingAndBrowsing()
    {
        var result = Classify(new TestSession().Add("search").View("p1").Add("search").View("p2"));

        Assert.Equal("product-exploration", result.PrimarySegment);
        Assert.Equal([Match("product-exploration", "search-and-browse"), Match("window-shopper", "casual-browsing")], result.Segments);
    }

    [Fact]
    public void ThreeProductsViewedOnceAreWindowShopping()
    {
        var result = Classify(new TestSession().Add("search").View("p1").View("p2").View("p3"));

        Assert.Equal("window-shopper", result.PrimarySegment);
        Assert.Equal([Match("window-shopper", "casual-browsing")], result.Segments);
    }

    [Fact]
    public void WindowShopper()
    {
        var result = Classify(new TestSession().Add("page_view").View("p1").View("p2"));

        Assert.Equal("window-shopper", result.PrimarySegment);
        Assert.Equal([Match("window-shopper", "casual-browsing")], result.Segments);
        Assert.Equal(
            new Dictionary<string, double>
            {
                ["product_view.count"] = 2, ["eventCount"] = 3, ["maxProductViews"] = 1, ["add_to_cart.count"] = 0, ["checkout_start.count"] = 0,
                ["support_contact.count"] = 0, ["purchase.count"] = 0,
            },
            result.Features);
    }

    [Fact]
    public void ASingleProductViewIsABounceNotWindowShopping()
    {
        var result = Classify(new TestSession().View("p1"));

        Assert.Equal("bounce", result.PrimarySegment);
        Assert.Equal([Match("bounce", "single-event")], result.Segments);
        Assert.Equal(new Dictionary<string, double> { ["eventCount"] = 1 }, result.Features);
    }

    [Fact]
    public void BounceIsTheLastResort()
    {
        var bounce = Classify(new TestSession().Add("page_view"));
        var purchase = Classify(new TestSession().Add("purchase"));
        var twoPages = Classify(new TestSession().Add("page_view").Add("page_view"));

        Assert.Equal("bounce", bounce.PrimarySegment);
        Assert.Equal("converted", purchase.PrimarySegment);
        Assert.Equal([Match("converted", "purchased"), Match("bounce", "single-event")], purchase.Segments);
        Assert.Equal("unclassified", twoPages.PrimarySegment);
    }

    [Fact]
    public void ViewingTheSameProductAThirdTimeUpgradesWindowShopperToHighIntentBuyer()
    {
        // The session as the sessionizer sees it after each event: the third view of p1 flips the primary segment.
        var session = new TestSession();
        var primaries = new List<string>();
        foreach (var product in new[] { null, "p1", "p2", "p1", "p1" })
        {
            if (product is null)
            {
                session.Add("page_view");
            }
            else
            {
                session.View(product);
            }

            primaries.Add(Classify(session).PrimarySegment);
        }

        Assert.Equal(["bounce", "window-shopper", "window-shopper", "window-shopper", "high-intent-buyer"], primaries);
        var upgraded = Classify(session);
        Assert.Equal([Match("high-intent-buyer", "same-product-viewed-repeatedly")], upgraded.Segments);
        Assert.Equal(3, upgraded.Features["maxProductViews"]);
    }

    [Fact]
    public void ASupportContactWhileWindowShoppingAlsoUpgradesToHighIntentBuyer()
    {
        var session = new TestSession().Add("page_view").View("p1").View("p2");
        Assert.Equal("window-shopper", Classify(session).PrimarySegment);

        var result = Classify(session.Add("support_contact"));

        Assert.Equal("high-intent-buyer", result.PrimarySegment);
        Assert.Equal([Match("high-intent-buyer", "support-while-shopping"), Match("support-seeking", "contacted-support")], result.Segments);
    }

    [Fact]
    public void ProfilesDoNotChangeTheDefaultRules()
    {
        var session = new TestSession().Add("page_view").View("p1").View("p2");
        var anonymous = Classify(session);
        session.Profile = new ProfileSnapshot { Tier = "gold", LifetimeValue = 5000, MarketingConsent = true };

        var known = Classify(session);

        Assert.Equal(anonymous.PrimarySegment, known.PrimarySegment);
        Assert.Equal(anonymous.Segments, known.Segments);
        Assert.Equal(anonymous.Features, known.Features);
    }

    private static SegmentClassification Classify(TestSession session) => Classifier.Classify(session.Features());
}
