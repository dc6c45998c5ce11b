using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.State;

/// <summary>Factory of store builders, as Kafka Streams' <c>Stores</c>.</summary>
public static class Stores
{
    public static KeyValueStoreBuilder<TKey, TValue> InMemoryKeyValueStore<TKey, TValue>(string name, Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new(name, () => new InMemoryKeyValueStore<TKey, TValue>(name), keySerde, valueSerde);

    /// <summary>A key-value store of your own (e.g. a persistent one); the runtime adds the changelog around it.</summary>
    public static KeyValueStoreBuilder<TKey, TValue> KeyValueStore<TKey, TValue>(
        string name, Func<IKeyValueStore<TKey, TValue>> supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new(name, supplier, keySerde, valueSerde);

    public static SessionStoreBuilder<TKey, TAggregate> InMemorySessionStore<TKey, TAggregate>(
        string name, TimeSpan retention, Serde<TKey> keySerde, Serde<TAggregate> aggregateSerde) =>
        new(name, () => new InMemorySessionStore<TKey, TAggregate>(name), keySerde, aggregateSerde, retention);
}
