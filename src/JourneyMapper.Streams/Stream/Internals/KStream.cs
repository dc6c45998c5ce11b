using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>
/// A stream in the DSL: the node it hangs from, plus the serdes known for it so far (a source's, kept by
/// steps that do not change the key or value type), which stores and repartitions fall back on.
/// </summary>
internal sealed class KStream<TKey, TValue>(InternalTopologyBuilder builder, TopologyNode node, Serde<TKey>? keySerde, Serde<TValue>? valueSerde)
    : IKStream<TKey, TValue>
{
    internal TopologyNode Node { get; } = node;

    public IKStream<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, string? named = null) =>
        Stateless("KSTREAM-FILTER-", named, keySerde, valueSerde, (Record<TKey, TValue> record, IProcessorContext<TKey, TValue> context) =>
        {
            if (predicate(record.Key, record.Value))
            {
                context.Forward(record);
            }
        });

    public IKStream<TKey, TValue> FilterNot(Func<TKey, TValue, bool> predicate, string? named = null) =>
        Stateless("KSTREAM-FILTER-", named, keySerde, valueSerde, (Record<TKey, TValue> record, IProcessorContext<TKey, TValue> context) =>
        {
            if (!predicate(record.Key, record.Value))
            {
                context.Forward(record);
            }
        });

    public IKStream<TNewKey, TNewValue> Map<TNewKey, TNewValue>(Func<TKey, TValue, (TNewKey Key, TNewValue Value)> mapper, string? named = null) =>
        Stateless<TNewKey, TNewValue>("KSTREAM-MAP-", named, null, null, (record, context) =>
        {
            var (key, value) = mapper(record.Key, record.Value);
            context.Forward(record.With(key, value));
        });

    public IKStream<TKey, TNewValue> MapValues<TNewValue>(Func<TValue, TNewValue> mapper, string? named = null) =>
        MapValues((_, value) => mapper(value), named);

    public IKStream<TKey, TNewValue> MapValues<TNewValue>(Func<TKey, TValue, TNewValue> mapper, string? named = null) =>
        Stateless<TKey, TNewValue>("KSTREAM-MAPVALUES-", named, keySerde, null, (record, context) =>
            context.Forward(record.WithValue(mapper(record.Key, record.Value))));

    public IKStream<TNewKey, TValue> SelectKey<TNewKey>(Func<TKey, TValue, TNewKey> selector, string? named = null) =>
        Stateless<TNewKey, TValue>("KSTREAM-KEY-SELECT-", named, null, valueSerde, (record, context) =>
            context.Forward(record.WithKey(selector(record.Key, record.Value))));

    public IKStream<TKey, TNewValue> FlatMapValues<TNewValue>(Func<TValue, IEnumerable<TNewValue>> mapper, string? named = null) =>
        Stateless<TKey, TNewValue>("KSTREAM-FLATMAPVALUES-", named, keySerde, null, (record, context) =>
        {
            foreach (var value in mapper(record.Value))
            {
                context.Forward(record.WithValue(value));
            }
        });

    public IKStream<TKey, TValue> Peek(Action<TKey, TValue> action, string? named = null) =>
        Stateless("KSTREAM-PEEK-", named, keySerde, valueSerde, (Record<TKey, TValue> record, IProcessorContext<TKey, TValue> context) =>
        {
            action(record.Key, record.Value);
            context.Forward(record);
        });

    public IKStream<TKey, TValue> Merge(IKStream<TKey, TValue> other, string? named = null)
    {
        var otherNode = ((KStream<TKey, TValue>)other).Node;
        var merge = new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(
            builder.NewName("KSTREAM-MERGE-", named),
            () => new StatelessProcessor<TKey, TValue, TKey, TValue>((record, context) => context.Forward(record)),
            []);
        return new KStream<TKey, TValue>(builder, builder.Add(merge, Node, otherNode), keySerde, valueSerde);
    }

    public IKStream<TNewKey, TNewValue> Process<TNewKey, TNewValue>(
        Func<IProcessor<TKey, TValue, TNewKey, TNewValue>> supplier, string? named = null, params string[] stateStoreNames)
    {
        var processor = new ProcessorTopologyNode<TKey, TValue, TNewKey, TNewValue>(
            builder.NewName("KSTREAM-PROCESSOR-", named), supplier, stateStoreNames);
        return new KStream<TNewKey, TNewValue>(builder, builder.Add(processor, Node), null, null);
    }

    public IKGroupedStream<TKey, TValue> GroupByKey(Grouped<TKey, TValue>? grouped = null) =>
        new KGroupedStream<TKey, TValue>(builder, Node, grouped?.KeySerde ?? keySerde, grouped?.ValueSerde ?? valueSerde);

    public void To(string topic, Produced<TKey, TValue> produced, string? named = null) =>
        To(new StaticTopicNameExtractor<TKey, TValue>(topic), produced, named);

    public void To(Func<TKey, TValue, string> topicExtractor, Produced<TKey, TValue> produced, string? named = null) =>
        To(new FunctionTopicNameExtractor<TKey, TValue>(topicExtractor), produced, named);

    public void To(ITopicNameExtractor<TKey, TValue> topicExtractor, Produced<TKey, TValue> produced, string? named = null) =>
        builder.Add(new SinkTopologyNode<TKey, TValue>(builder.NewName("KSTREAM-SINK-", named), topicExtractor, produced), Node);

    private KStream<TNewKey, TNewValue> Stateless<TNewKey, TNewValue>(
        string prefix,
        string? named,
        Serde<TNewKey>? newKeySerde,
        Serde<TNewValue>? newValueSerde,
        Action<Record<TKey, TValue>, IProcessorContext<TNewKey, TNewValue>> step)
    {
        var processor = new ProcessorTopologyNode<TKey, TValue, TNewKey, TNewValue>(
            builder.NewName(prefix, named), () => new StatelessProcessor<TKey, TValue, TNewKey, TNewValue>(step), []);
        return new KStream<TNewKey, TNewValue>(builder, builder.Add(processor, Node), newKeySerde, newValueSerde);
    }
}
