using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream;

/// <summary>How the store behind a table or aggregation is named and serialized, as Kafka Streams' <c>Materialized</c>.</summary>
public sealed record Materialized<TKey, TValue>
{
    /// <summary>Null: a generated name (stable only while the topology's shape stays the same).</summary>
    public string? StoreName { get; init; }

    /// <summary>Null: the key serde known from upstream (the source's, while no step changed the key).</summary>
    public Serde<TKey>? KeySerde { get; init; }

    public Serde<TValue>? ValueSerde { get; init; }

    public bool LoggingEnabled { get; init; } = true;

    /// <summary>
    /// How long the changelog keeps a window's entries; null: the window's gap plus grace. The store itself
    /// drops a session when it closes, so closed sessions are not queryable.
    /// </summary>
    public TimeSpan? Retention { get; init; }

    public Materialized<TKey, TValue> WithKeySerde(Serde<TKey> serde) => this with { KeySerde = serde };

    public Materialized<TKey, TValue> WithValueSerde(Serde<TValue> serde) => this with { ValueSerde = serde };

    public Materialized<TKey, TValue> WithLoggingDisabled() => this with { LoggingEnabled = false };

    public Materialized<TKey, TValue> WithRetention(TimeSpan retention) => this with { Retention = retention };
}

/// <summary>Entry points that infer the types: <c>Materialized.As&lt;string, long&gt;("counts")</c>.</summary>
public static class Materialized
{
    public static Materialized<TKey, TValue> As<TKey, TValue>(string storeName) => new() { StoreName = storeName };

    public static Materialized<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new() { KeySerde = keySerde, ValueSerde = valueSerde };
}
