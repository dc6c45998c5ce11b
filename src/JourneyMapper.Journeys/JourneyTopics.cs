namespace JourneyMapper.Journeys;

/// <summary>The topics of SPEC.md; every name is configurable (section <c>JourneyMapper:Topics</c>).</summary>
public sealed class JourneyTopics
{
    public IReadOnlyList<string> Input { get; set; } = ["clickstream.events"];

    public string Profiles { get; set; } = "customer.profiles";

    public string Segments { get; set; } = "journey.segments";

    public string SessionUpdates { get; set; } = "journey.session-updates";

    /// <summary>Routed copies go to <c>{TriggerPrefix}{segment}</c>.</summary>
    public string TriggerPrefix { get; set; } = "journey.triggers.";

    public string LateEvents { get; set; } = "journey.late-events";

    /// <summary>Sessions of the alert segment (bot suspects by default), for the teams that act on them.</summary>
    public string Alerts { get; set; } = "journey.alerts";

    public string DeadLetterQueue { get; set; } = "journey.dlq";

    /// <summary>
    /// When set, valid events keyed by customer id (after privacy handling, before deduplication) are also written here,
    /// for consumers outside the service. Unset by default: it would double what the service writes, and steps inside the
    /// service get the stream itself (<see cref="JourneyStreams.ValidatedEvents"/>).
    /// </summary>
    public string? ValidatedEvents { get; set; }

    public bool WritesValidatedEvents => !string.IsNullOrWhiteSpace(ValidatedEvents);

    /// <summary>The topics the service reads or writes, for clusters where they must be created up front.</summary>
    public IEnumerable<string> All() =>
        Input.Concat([Profiles, Segments, SessionUpdates, LateEvents, Alerts, DeadLetterQueue])
            .Concat(WritesValidatedEvents ? [ValidatedEvents!] : [])
            .Distinct();
}
