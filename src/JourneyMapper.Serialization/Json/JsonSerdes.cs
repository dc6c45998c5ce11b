using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.Json;

/// <summary>The JSON serdes of the records, ready to hand to a topology.</summary>
public static class JsonSerdes
{
    public static JsonSerde<ClickEvent> ClickEvent { get; } = new(RecordsJsonContext.Default.ClickEvent);

    public static JsonSerde<UserProfile> UserProfile { get; } = new(RecordsJsonContext.Default.UserProfile);

    public static JsonSerde<JourneySegment> JourneySegment { get; } = new(RecordsJsonContext.Default.JourneySegment);
}
