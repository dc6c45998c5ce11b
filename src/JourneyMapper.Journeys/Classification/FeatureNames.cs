namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// The names of the numbers the sessionizer computes for a session and the rules read (docs/classification-rules.md).
/// A feature a session does not have reads as 0.
/// </summary>
public static class FeatureNames
{
    /// <summary>Distinct events in the session.</summary>
    public const string EventCount = "eventCount";

    /// <summary>(end - start) / 60000.0: event time from the first to the last event, in minutes.</summary>
    public const string DurationMinutes = "durationMinutes";

    /// <summary>eventCount / max(durationMinutes, 1): the floor of one minute keeps short sessions from looking fast.</summary>
    public const string EventsPerMinute = "eventsPerMinute";

    /// <summary>How many event types (canonical or not) occur in the session.</summary>
    public const string DistinctEventTypes = "distinctEventTypes";

    /// <summary>How many distinct productIds were viewed (product_view events).</summary>
    public const string DistinctProducts = "distinctProducts";

    /// <summary>The most product_view events of one productId: the seed case's "same product viewed several times".</summary>
    public const string MaxProductViews = "maxProductViews";

    /// <summary>The most events with one identical pageUrl.</summary>
    public const string MaxPageRepeats = "maxPageRepeats";

    /// <summary>The furthest funnel step reached: 0 none, 1 product_view, 2 add_to_cart, 3 checkout_start, 4 purchase.</summary>
    public const string FunnelStep = "funnelStep";

    /// <summary>Events of the types that are not canonical, all together (each is also counted as <c>&lt;type&gt;.count</c>).</summary>
    public const string OtherCount = "other.count";

    /// <summary>The suffix of the per-type counts, <c>&lt;eventType&gt;.count</c>.</summary>
    public const string CountSuffix = ".count";

    /// <summary>The event types of SPEC.md the default rules understand, in SPEC order.</summary>
    public static IReadOnlyList<string> CanonicalEventTypes { get; } = Array.AsReadOnly(
    [
        "page_view", "product_view", "search", "add_to_cart", "remove_from_cart", "checkout_start", "purchase",
        "support_contact", "login", "logout", "email_click", "app_open", "feedback",
    ]);

    /// <summary>The summary features (every name above except the per-type counts).</summary>
    public static IReadOnlyList<string> Summary { get; } = Array.AsReadOnly(
    [
        EventCount, DurationMinutes, EventsPerMinute, DistinctEventTypes, DistinctProducts, MaxProductViews, MaxPageRepeats,
        FunnelStep, OtherCount,
    ]);

    /// <summary>The feature that counts the events of one type, e.g. <c>Count("purchase")</c> is <c>purchase.count</c>.</summary>
    public static string Count(string eventType) => eventType + CountSuffix;
}
