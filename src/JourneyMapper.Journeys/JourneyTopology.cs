using JourneyMapper.Journeys.Validation;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Journeys;

/// <summary>
/// The journey topology: input events are validated (bad ones to the dead-letter queue), keyed by
/// customer id and written out. Later steps (dedup, sessions, enrichment, segments) attach here.
/// </summary>
public static class JourneyTopology
{
    /// <param name="clickEvents">How click events are read and written: Avro with a schema registry, or JSON.</param>
    public static Topology Build(JourneyTopics topics, ValidationOptions validation, TimeProvider clock, Serde<ClickEvent> clickEvents)
    {
        var validator = new ClickEventValidator(validation, clock);
        var builder = new StreamBuilder();

        builder
            .Stream(topics.Input, Consumed.With(Serdes.String, clickEvents) with { TimestampExtractor = EventTime }, named: "clickstream-source")
            .Process(() => new ValidateClickEvents(validator), named: "validate-click-events")
            .To(topics.ValidatedEvents, Produced.With(Serdes.String, clickEvents), named: "validated-events-sink");

        return builder.Build();
    }

    // Events carry their own time; a record without one keeps the broker's and fails validation later.
    private static long EventTime(string key, ClickEvent clickEvent, long recordTimestamp) =>
        clickEvent?.Timestamp ?? recordTimestamp;
}
