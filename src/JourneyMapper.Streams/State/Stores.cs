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

    /// <summary>
    /// Sessions held serialized in large arrays the store owns, outside the collector's reach, as Kafka Streams' stores
    /// hold bytes: each read deserializes the aggregate, each put serializes it. For aggregates that are object graphs
    /// kept for a long time (millions of open sessions), where the collector's tracing of them costs more than the
    /// serde round trip per record.
    /// </summary>
    public static SessionStoreBuilder<TKey, TAggregate> ArenaSessionStore<TKey, TAggregate>(
        string name, TimeSpan retention, Serde<TKey> keySerde, Serde<TAggregate> aggregateSerde) =>
        new(name, () => new ArenaSessionStore<TKey, TAggregate>(name, aggregateSerde), keySerde, aggregateSerde, retention);

    /// <summary>
    /// Windows of <paramref name="windowSize"/> per key, each with the timestamp of its latest update (Kafka Streams'
    /// in-memory timestamped window store); windows are kept while their start is within <paramref name="retention"/>
    /// of the latest window start put.
    /// </summary>
    public static WindowStoreBuilder<TKey, ValueAndTimestamp<TValue>> InMemoryTimestampedWindowStore<TKey, TValue>(
        string name, TimeSpan retention, TimeSpan windowSize, Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new(name, WindowStoreSupplier.InMemory<TKey, ValueAndTimestamp<TValue>>(name, retention, windowSize), keySerde, ValueAndTimestampSerde.Wrap(valueSerde), retention);

    /// <summary>As <see cref="InMemoryTimestampedWindowStore{TKey,TValue}"/>, for values that need no timestamp.</summary>
    public static WindowStoreBuilder<TKey, TValue> InMemoryWindowStore<TKey, TValue>(
        string name, TimeSpan retention, TimeSpan windowSize, Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new(name, WindowStoreSupplier.InMemory<TKey, TValue>(name, retention, windowSize), keySerde, valueSerde, retention);

    /// <summary>Keys seen within <paramref name="retention"/> of stream time, kept as 128-bit hashes (see <see cref="IDeduplicationStore"/>).</summary>
    public static DeduplicationStoreBuilder InMemoryDeduplicationStore(string name, TimeSpan retention) =>
        new(name, () => new InMemoryDeduplicationStore(name, retention), retention);
}
