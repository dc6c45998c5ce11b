using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Journeys;

/// <summary>How the topology reads and writes its records: Avro with a schema registry, or JSON; the host decides.</summary>
public sealed record JourneySerdes(Serde<ClickEvent> ClickEvents, Serde<UserProfile> Profiles, Serde<JourneySegment> Segments)
{
    /// <summary>Every record as JSON: the alternative to Avro, and what <c>replay</c> reads and writes.</summary>
    public static JourneySerdes Json { get; } = new(
        Serdes.From(JsonSerdes.ClickEvent, JsonSerdes.ClickEvent),
        Serdes.From(JsonSerdes.UserProfile, JsonSerdes.UserProfile),
        Serdes.From(JsonSerdes.JourneySegment, JsonSerdes.JourneySegment));
}
