using JourneyMapper.Journeys.Classification;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>Each default segment of SPEC, from events in to the closed segment out, with the rule and features behind it.</summary>
public sealed class DefaultSegmentTests
{
    public static TheoryData<string, string[]> Sessions => new()
    {
        // Each step: "type" or "type:product"; one event every 20 seconds, except for the bot, which clicks twice a second.
        { DefaultSegmentRules.BotSuspect, Enumerable.Repeat("page_view", 40).ToArray() },
        { DefaultSegmentRules.Converted, ["product_view:p1", "add_to_cart:p1", "checkout_start", "purchase:p1"] },
        { DefaultSegmentRules.CheckoutAbandonment, ["product_view:p1", "add_to_cart:p1", "checkout_start"] },
        { DefaultSegmentRules.CartAbandonment, ["product_view:p1", "add_to_cart:p1"] },
        { DefaultSegmentRules.HighIntentBuyer, ["product_view:p1", "product_view:p1", "product_view:p1"] },
        { DefaultSegmentRules.PurchaseIntent, ["product_view:p1", "add_to_cart:p1", "remove_from_cart:p1"] },
        { DefaultSegmentRules.SupportSeeking, ["page_view", "support_contact"] },
        { DefaultSegmentRules.ProductExploration, ["product_view:p1", "product_view:p2", "product_view:p3", "product_view:p4"] },
        { DefaultSegmentRules.WindowShopper, ["page_view", "product_view:p1"] },
        { DefaultSegmentRules.Bounce, ["page_view"] },
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public void TheSessionClosesWithItsSegmentAndTheRuleAndFeaturesThatGaveIt(string segment, string[] steps)
    {
        using var journeys = new JourneyDriver();
        var interval = segment == DefaultSegmentRules.BotSuspect ? 0.5 / 60 : 20.0 / 60;
        for (var i = 0; i < steps.Length; i++)
        {
            var parts = steps[i].Split(':');
            journeys.Send("customer", i * interval, parts[0], parts.Length > 1 ? parts[1] : null);
        }

        journeys.AdvanceStreamTimePast(steps.Length * interval);

        var closed = Assert.Single(journeys.Segments());
        Assert.Equal(segment, closed.PrimarySegment);
        Assert.Equal(segment, closed.Segments[0].Label);
        Assert.StartsWith(segment + "/", closed.Segments[0].Rule, StringComparison.Ordinal);
        Assert.NotEmpty(closed.Features);
        Assert.Equal(steps.Length, closed.EventCount);
    }
}
