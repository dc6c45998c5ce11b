using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream;

/// <summary>How records are written to a sink topic.</summary>
public sealed record Produced<TKey, TValue>(Serde<TKey> KeySerde, Serde<TValue> ValueSerde)
{}

/// <summary>Infers the types: <c>Produced.With(Serdes.String, valueSerde)</c>.</summary>
public static class Produced
{
    public static Produced<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) => new(keySerde, valueSerde);
}
