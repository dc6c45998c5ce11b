using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream;

/// <summary>How a source topic is read: its serdes and, optionally, where event time comes from.</summary>
public sealed record Consumed<TKey, TValue>(Serde<TKey> KeySerde, Serde<TValue> ValueSerde)
{
    /// <summary>
    /// Event time from (key, value, the record's Kafka timestamp), e.g. a payload field; null means the
    /// record's Kafka timestamp. A negative result marks the time as unknown: the record flows on (for a later
    /// step to reject) without moving stream time.
    /// </summary>
    public Func<TKey, TValue, long, long>? TimestampExtractor { get; init; }
}

/// <summary>Infers the types: <c>Consumed.With(Serdes.String, valueSerde)</c>.</summary>
public static class Consumed
{
    public static Consumed<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) => new(keySerde, valueSerde);
}
