using JourneyMapper.Journeys.Dedup;
using JourneyMapper.Journeys.Enrichment;
using JourneyMapper.Journeys.Segments;
using JourneyMapper.Streams;

namespace JourneyMapper.Journeys;

/// <summary>
/// The journey's own metrics, kept in the runtime's <see cref="StreamsMetrics"/> beside its records-consumed, lag and
/// commit metrics. Counters are named in the processors that keep them; this class adds the rest and the help texts.
/// </summary>
public static class JourneyMetrics
{
    /// <summary>Sessions open in a task's session store (gauge, tagged <c>task-id</c>).</summary>
    public const string SessionsOpen = "sessions-open";

    /// <summary>
    /// Seconds from the moment the sessionizer closes a session (stream time or the wall clock passed its end, or it
    /// reached its maximum length) to its segment being handed to the output topics' producer.
    /// </summary>
    public const string SegmentLatency = "segment-latency-seconds";

    /// <summary>Seconds from an event's arrival in its task to the provisional update it caused being handed to the producer.</summary>
    public const string ProvisionalUpdateLatency = "provisional-update-latency-seconds";

    /// <summary>Tag of <see cref="ClassifyClosedSessions.SessionsClosed"/>: <c>inactivity</c>, <c>max-duration</c>, <c>idle-timeout</c>, <c>shutdown</c>.</summary>
    public const string ReasonTag = "reason";

    /// <summary>Tag of <see cref="ClassifyClosedSessions.SegmentsEmitted"/>: the segment label.</summary>
    public const string SegmentTag = "segment";

    /// <summary>Gives the journey's metrics their help texts; call before the runtime starts, so OpenTelemetry sees them too.</summary>
    public static void Describe(StreamsMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.Describe(StreamsMetrics.LateRecords, "Events that arrived after their session had closed (sent to the late-events topic with the reason)");
        metrics.Describe(DeduplicateEvents.DuplicatesDropped, "Events dropped as repeats of an eventId seen within the deduplication horizon");
        metrics.Describe(DropWithoutAnalyticsConsent.ConsentWithheld, "Events not sessionized because the customer's profile withholds analytics consent");
        metrics.Describe(ClassifyClosedSessions.SessionsClosed, "Sessions closed, by reason");
        metrics.Describe(ClassifyClosedSessions.SegmentsEmitted, "Segment labels matched by closed sessions, by label");
        metrics.Describe(SessionsOpen, "Sessions open in a task's session store", "{session}");
        metrics.Describe(SegmentLatency, "From a session's close to its segment being handed to the producer", "s");
        metrics.Describe(ProvisionalUpdateLatency, "From an event's arrival to the provisional update it caused being handed to the producer", "s");
    }
}
