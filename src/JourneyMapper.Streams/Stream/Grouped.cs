using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream;

/// <summary>
/// Serdes for a grouping, when they are not known from upstream, and the name of its repartition topic
/// when one is needed, as Kafka Streams' <c>Grouped</c>.
/// </summary>
public sealed record Grouped<TKey, TValue>(Serde<TKey>? KeySerde, Serde<TValue>? ValueSerde, string? Name = null);

public static class Grouped
{
    public static Grouped<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde, string? name = null) =>
        new(keySerde, valueSerde, name);
}
