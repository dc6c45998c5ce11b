using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;
using JourneyMapper.Streams.Stream.Internals;

namespace JourneyMapper.Streams;

/// <summary>The entry point of the DSL: declare the input streams, chain steps, then <see cref="Build"/>.</summary>
public sealed class StreamBuilder
{
    private readonly InternalTopologyBuilder _builder = new();

    public IKStream<TKey, TValue> Stream<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed, string? named = null) =>
        Stream([topic], consumed, named);

    public IKStream<TKey, TValue> Stream<TKey, TValue>(IReadOnlyList<string> topics, Consumed<TKey, TValue> consumed, string? named = null)
    {
        if (topics.Count == 0)
        {
            throw new ArgumentException("a stream needs at least one source topic", nameof(topics));
        }

        var source = _builder.Add(new SourceTopologyNode<TKey, TValue>(_builder.NewName("KSTREAM-SOURCE-", named), topics, consumed));
        return new KStream<TKey, TValue>(_builder, source, consumed.KeySerde, consumed.ValueSerde);
    }

    /// <summary>
    /// A table over a compacted topic: the latest value per key, in a key-value store restored from the topic
    /// itself; a tombstone deletes the key. Join streams with it (co-partitioned: same partition count).
    /// </summary>
    public IKTable<TKey, TValue> Table<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed, Materialized<TKey, TValue>? materialized = null, string? named = null)
    {
        var source = _builder.Add(new SourceTopologyNode<TKey, TValue>(_builder.NewName("KSTREAM-SOURCE-", null), [topic], consumed));
        var storeName = materialized?.StoreName ?? _builder.NewName("KTABLE-SOURCE-STATE-STORE-", null);
        var (keySerde, valueSerde) = (materialized?.KeySerde ?? consumed.KeySerde, materialized?.ValueSerde ?? consumed.ValueSerde);
        _builder.AddStateStore(Stores.InMemoryKeyValueStore(storeName, keySerde, valueSerde) with { SourceTopic = topic, LoggingEnabled = false });
        var table = _builder.Add(
            new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(
                _builder.NewName("KTABLE-SOURCE-", named), () => new KTableSourceProcessor<TKey, TValue>(storeName), [storeName]),
            source);
        return new KTable<TKey, TValue>(_builder, table, storeName, (keySerde, valueSerde));
    }

    /// <summary>Adds a store that processors can name when they are added (<see cref="IKStream{TKey,TValue}.Process{TNewKey,TNewValue}"/>).</summary>
    public StreamBuilder AddStateStore(IStoreBuilder store)
    {
        _builder.AddStateStore(store);
        return this;
    }

    public Topology Build() => _builder.Build();
}
