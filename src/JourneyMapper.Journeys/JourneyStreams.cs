using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Journeys;

/// <summary>The journey topology's streams by stage, keyed by customer id, for extensions to attach their steps to.</summary>
/// <param name="Builder">For extensions that add stores or read topics of their own.</param>
/// <param name="ValidatedEvents">Valid events after privacy handling, in arrival order, not yet deduplicated.</param>
/// <param name="DeduplicatedEvents">First arrivals only, of customers who did not withhold analytics consent.</param>
/// <param name="ClosedSessions">Each session once, when it closed, with the reason.</param>
/// <param name="Segments">The final segment of every closed session, as written to the segments topic.</param>
/// <param name="Profiles">The customer-profile table.</param>
public sealed record JourneyStreams(
    StreamBuilder Builder,
    JourneyOptions Options,
    JourneySerdes Serdes,
    IKStream<string, ClickEvent> ValidatedEvents,
    IKStream<string, ClickEvent> DeduplicatedEvents,
    IKStream<string, ClosedSession> ClosedSessions,
    IKStream<string, JourneySegment> Segments,
    IKTable<string, UserProfile> Profiles);
