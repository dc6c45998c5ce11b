using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

/// <param name="keyValueStore">The serdes of the key-value store the rows are kept in, for a table kept in one (which a filter reads).</param>
internal sealed class KTable<TKey, TValue>(
    InternalTopologyBuilder builder, TopologyNode node, string storeName, (Serde<TKey> Keys, Serde<TValue> Values)? keyValueStore = null)
    : IKTable<TKey, TValue>
{
    public string StoreName { get; } = storeName;

    internal TopologyNode Node { get; } = node;

    public IKTable<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, Materialized<TKey, TValue>? materialized = null, string? named = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var (keys, values) = keyValueStore ?? throw new NotSupportedException(
            $"table '{StoreName}' is not kept in a key-value store; filter its stream (ToStream) instead");

        var filteredStore = materialized?.StoreName ?? builder.NewName("KTABLE-FILTER-STATE-STORE-", null);
        var parentStore = StoreName;

        // Rebuilt from the parent at every task start, so the store needs no changelog.
        builder.AddStateStore(Stores.InMemoryKeyValueStore(filteredStore, keys, values).WithLoggingDisabled());
        var filter = builder.Add(
            new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(
                builder.NewName("KTABLE-FILTER-", named),
                () => new KTableFilterProcessor<TKey, TValue>(predicate, filteredStore, parentStore),
                [filteredStore, parentStore]),
            Node);
        return new KTable<TKey, TValue>(builder, filter, filteredStore, keyValueStore);
    }

    public IKStream<TKey, TValue> ToStream(string? named = null)
    {
        var toStream = new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(
            builder.NewName("KTABLE-TOSTREAM-", named),
            () => new StatelessProcessor<TKey, TValue, TKey, TValue>((record, context) => context.Forward(record)),
            []);
        return new KStream<TKey, TValue>(builder, builder.Add(toStream, Node), null, null);
    }
}
