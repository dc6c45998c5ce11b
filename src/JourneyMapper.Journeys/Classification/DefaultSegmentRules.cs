namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// The default segments of SPEC.md as rules, highest priority first. Why each threshold is what it is:
/// docs/classification-rules.md. Each rule describes its segment on its own (the browsing and intent rules say
/// "no purchase" themselves), so the full list of matched segments stays true; priority only picks the primary one.
/// </summary>
public static class DefaultSegmentRules
{
    public const string BotSuspect = "bot-suspect";
    public const string Converted = "converted";
    public const string CheckoutAbandonment = "checkout-abandonment";
    public const string CartAbandonment = "cart-abandonment";
    public const string HighIntentBuyer = "high-intent-buyer";
    public const string PurchaseIntent = "purchase-intent";
    public const string SupportSeeking = "support-seeking";
    public const string ProductExploration = "product-exploration";
    public const string WindowShopper = "window-shopper";
    public const string Bounce = "bounce";

    /// <summary>The ten segments in priority order.</summary>
    public static IReadOnlyList<string> Segments { get; } = Array.AsReadOnly(
    [
        BotSuspect, Converted, CheckoutAbandonment, CartAbandonment, HighIntentBuyer, PurchaseIntent, SupportSeeking,
        ProductExploration, WindowShopper, Bounce,
    ]);

    private static readonly (string Segment, string Name, string When)[] Table =
    [
        (BotSuspect, "bot-suspect/machine-rate", "eventCount >= 20 && eventsPerMinute >= 30"),
        (BotSuspect, "bot-suspect/page-hammering", "maxPageRepeats >= 25 && distinctEventTypes <= 2"),
        (Converted, "converted/purchased", "purchase.count > 0"),
        (CheckoutAbandonment, "checkout-abandonment/checkout-without-purchase", "checkout_start.count > 0 && purchase.count == 0"),
        (CartAbandonment, "cart-abandonment/items-left-in-cart",
            "add_to_cart.count > remove_from_cart.count && checkout_start.count == 0 && purchase.count == 0"),
        (HighIntentBuyer, "high-intent-buyer/same-product-viewed-repeatedly", "maxProductViews >= 3 && purchase.count == 0"),
        (HighIntentBuyer, "high-intent-buyer/checkout-started", "checkout_start.count > 0 && purchase.count == 0"),
        (HighIntentBuyer, "high-intent-buyer/support-while-shopping",
            "support_contact.count > 0 && funnelStep >= 1 && purchase.count == 0"),
        (PurchaseIntent, "purchase-intent/cart-activity", "add_to_cart.count > 0 && purchase.count == 0"),
        (SupportSeeking, "support-seeking/contacted-support", "support_contact.count > 0"),
        (ProductExploration, "product-exploration/many-products", "distinctProducts >= 4 && purchase.count == 0"),
        (ProductExploration, "product-exploration/search-and-browse", "search.count >= 2 && product_view.count > 0 && purchase.count == 0"),
        (WindowShopper, "window-shopper/casual-browsing",
            "product_view.count > 0 && eventCount >= 2 && maxProductViews < 3 && add_to_cart.count == 0"
            + " && checkout_start.count == 0 && support_contact.count == 0 && purchase.count == 0"),
        (Bounce, "bounce/single-event", "eventCount == 1"),
    ];

    /// <summary>A fresh copy of the default rules (the rules are mutable options, so each caller gets its own).</summary>
    public static List<SegmentRule> Create() =>
        [.. Table.Select(row => new SegmentRule { Segment = row.Segment, Name = row.Name, When = row.When })];
}
