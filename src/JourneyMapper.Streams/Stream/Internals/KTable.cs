using JourneyMapper.Streams.Processors.Internals;

namespace JourneyMapper.Streams.Stream.Internals;

internal sealed class KTable<TKey, TValue>(InternalTopologyBuilder builder, TopologyNode node, string storeName) : IKTable<TKey, TValue>
{
    public string StoreName { get; } = storeName;

    internal TopologyNode Node { get; } = node;

    public IKStream<TKey, TValue> ToStream(string? named = null)
    {
        var toStream = new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(
            builder.NewName("KTABLE-TOSTREAM-", named),
            () => new StatelessProcessor<TKey, TValue, TKey, TValue>((record, context) => context.Forward(record)),
            []);
        return new KStream<TKey, TValue>(builder, builder.Add(toStream, Node), null, null);
    }
}
