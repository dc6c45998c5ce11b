using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream;

/// <summary>
/// How a repartition topic is named and serialized, as Kafka Streams' <c>Repartitioned</c>. The topic is
/// <c>&lt;applicationId&gt;-&lt;name&gt;-repartition</c>; null serdes fall back to the ones known upstream.
/// </summary>
public sealed record Repartitioned<TKey, TValue>(string? Name, Serde<TKey>? KeySerde, Serde<TValue>? ValueSerde);

public static class Repartitioned
{
    public static Repartitioned<TKey, TValue> As<TKey, TValue>(string name) => new(name, null, null);

    public static Repartitioned<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) => new(null, keySerde, valueSerde);
}
