namespace JourneyMapper.Journeys.Routing;

/// <summary>Which segments go where beyond <c>journey.segments</c> (section <c>JourneyMapper:Routing</c>).</summary>
public sealed class RoutingOptions
{
    public const string Section = "JourneyMapper:Routing";

    /// <summary>Closed sessions with one of these segments are copied to <c>{TriggerPrefix}{segment}</c>.</summary>
    public List<string> Triggers { get; set; } = ["cart-abandonment", "checkout-abandonment", "high-intent-buyer"];

    /// <summary>
    /// Triggers drive marketing, so by default only customers whose profile grants marketing consent get them
    /// (anonymous visitors have no profile and so no consent).
    /// </summary>
    public bool TriggersRequireMarketingConsent { get; set; } = true;

    /// <summary>Sessions with this segment also go to the alerts topic.</summary>
    public string AlertSegment { get; set; } = "bot-suspect";
}
