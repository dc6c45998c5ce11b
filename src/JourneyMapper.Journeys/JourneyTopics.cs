namespace JourneyMapper.Journeys;

/// <summary>The topics of SPEC.md; every name is configurable (section <c>JourneyMapper:Topics</c>).</summary>
public sealed record JourneyTopics
{
    public IReadOnlyList<string> Input { get; init; } = ["clickstream.events"];

    public string Profiles { get; init; } = "customer.profiles";

    public string Segments { get; init; } = "journey.segments";

    public string SessionUpdates { get; init; } = "journey.session-updates";

    /// <summary>Routed copies go to <c>{TriggerPrefix}{segment}</c>.</summary>
    public string TriggerPrefix { get; init; } = "journey.triggers.";

    public string LateEvents { get; init; } = "journey.late-events";

    public string DeadLetterQueue { get; init; } = "journey.dlq";

    /// <summary>Valid events keyed by customer id, in arrival order: the stream later steps build on.</summary>
    public string ValidatedEvents { get; init; } = "journey.validated-events";

    /// <summary>The topics the service reads or writes, for clusters where they must be created up front.</summary>
    public IEnumerable<string> All() =>
        Input.Concat([Profiles, Segments, SessionUpdates, LateEvents, DeadLetterQueue, ValidatedEvents]).Distinct();
}
