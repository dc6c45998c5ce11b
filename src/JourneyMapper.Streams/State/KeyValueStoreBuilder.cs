using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.State;

/// <summary>Builds a key-value store per task, in memory or from any <see cref="IKeyValueStore{TKey,TValue}"/> supplier.</summary>
public sealed record KeyValueStoreBuilder<TKey, TValue>(
    string Name, Func<IKeyValueStore<TKey, TValue>> Supplier, Serde<TKey> KeySerde, Serde<TValue> ValueSerde) : IStoreBuilder
{
    public bool LoggingEnabled { get; init; } = true;

    public IReadOnlyDictionary<string, string> ChangelogConfig { get; init; } = new Dictionary<string, string> { ["cleanup.policy"] = "compact" };

    /// <summary>
    /// A table read straight from a topic keeps no changelog of its own: the topic is replayed to restore it
    /// (Kafka Streams' source-topic changelog).
    /// </summary>
    internal string? SourceTopic { get; init; }

    public KeyValueStoreBuilder<TKey, TValue> WithLoggingDisabled() => this with { LoggingEnabled = false };

    IStateStore IStoreBuilder.Build(ChangelogWriter? changelog)
    {
        var store = Supplier();
        if (SourceTopic is { } topic)
        {
            return new SourceTopicKeyValueStore<TKey, TValue>(store, KeySerde, ValueSerde, topic);
        }

        return changelog is null ? store : new ChangeLoggingKeyValueStore<TKey, TValue>(store, KeySerde, ValueSerde, changelog);
    }
}
