using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>
/// A stream in the DSL: the node it hangs from, the serdes known for it so far (a source's, kept by steps
/// that do not change the key or value type), and whether a step changed the key since the last source,
/// in which case a stateful step first repartitions by the new key, as in Kafka Streams.
/// </summary>
internal sealed class KStream<TKey, TValue>(
    InternalTopologyBuilder builder, TopologyNode node, Serde<TKey>? keySerde, Serde<TValue>? valueSerde, bool repartitionRequired = false)
    : IKStream<TKey, TValue>
{
    internal TopologyNode Node { get; } = node;

    internal bool RepartitionRequired { get; } = repartitionRequired;

    public IKStream<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, string? named = null) =>
        Same("KSTREAM-FILTER-", named, (record, context) =>
        {
            if (predicate(record.Key, record.Value))
            {
                context.Forward(record);
            }
        });

    public IKStream<TKey, TValue> FilterNot(Func<TKey, TValue, bool> predicate, string? named = null) =>
        Filter((key, value) => !predicate(key, value), named);

    public IKStream<TNewKey, TNewValue> Map<TNewKey, TNewValue>(Func<TKey, TValue, (TNewKey Key, TNewValue Value)> mapper, string? named = null) =>
        Stateless<TNewKey, TNewValue>("KSTREAM-MAP-", named, null, null, keyChanged: true, (record, context) =>
        {
            var (key, value) = mapper(record.Key, record.Value);
            context.Forward(record.With(key, value));
        });

    public IKStream<TNewKey, TNewValue> FlatMap<TNewKey, TNewValue>(Func<TKey, TValue, IEnumerable<(TNewKey Key, TNewValue Value)>> mapper, string? named = null) =>
        Stateless<TNewKey, TNewValue>("KSTREAM-FLATMAP-", named, null, null, keyChanged: true, (record, context) =>
        {
            foreach (var (key, value) in mapper(record.Key, record.Value))
            {
                context.Forward(record.With(key, value));
            }
        });

    public IKStream<TKey, TNewValue> MapValues<TNewValue>(Func<TValue, TNewValue> mapper, string? named = null) =>
        MapValues((_, value) => mapper(value), named);

    public IKStream<TKey, TNewValue> MapValues<TNewValue>(Func<TKey, TValue, TNewValue> mapper, string? named = null) =>
        Stateless<TKey, TNewValue>("KSTREAM-MAPVALUES-", named, keySerde, null, keyChanged: false, (record, context) =>
            context.Forward(record.WithValue(mapper(record.Key, record.Value))));

    public IKStream<TNewKey, TValue> SelectKey<TNewKey>(Func<TKey, TValue, TNewKey> selector, string? named = null) =>
        Stateless<TNewKey, TValue>("KSTREAM-KEY-SELECT-", named, null, valueSerde, keyChanged: true, (record, context) =>
            context.Forward(record.WithKey(selector(record.Key, record.Value))));

    public IKStream<TKey, TNewValue> FlatMapValues<TNewValue>(Func<TValue, IEnumerable<TNewValue>> mapper, string? named = null) =>
        Stateless<TKey, TNewValue>("KSTREAM-FLATMAPVALUES-", named, keySerde, null, keyChanged: false, (record, context) =>
        {
            foreach (var value in mapper(record.Value))
            {
                context.Forward(record.WithValue(value));
            }
        });

    public IKStream<TKey, TValue> Peek(Action<TKey, TValue> action, string? named = null) =>
        Same("KSTREAM-PEEK-", named, (record, context) =>
        {
            action(record.Key, record.Value);
            context.Forward(record);
        });

    public IKStream<TKey, TValue> Merge(IKStream<TKey, TValue> other, string? named = null)
    {
        var otherStream = (KStream<TKey, TValue>)other;
        var merge = new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(builder.NewName("KSTREAM-MERGE-", named), PassThrough, []);
        return new KStream<TKey, TValue>(
            builder, builder.Add(merge, Node, otherStream.Node), keySerde, valueSerde, RepartitionRequired || otherStream.RepartitionRequired);
    }

    public IBranchedKStream<TKey, TValue> Split(string? named = null)
    {
        var split = new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(builder.NewName("KSTREAM-BRANCH-", named), PassThrough, []);
        var splitStream = new KStream<TKey, TValue>(builder, builder.Add(split, Node), keySerde, valueSerde, RepartitionRequired);
        return new BranchedKStream<TKey, TValue>(splitStream, split.Name);
    }

    public IKStream<TNewKey, TNewValue> Process<TNewKey, TNewValue>(
        Func<IProcessor<TKey, TValue, TNewKey, TNewValue>> supplier, string? named = null, params string[] stateStoreNames)
    {
        var processor = new ProcessorTopologyNode<TKey, TValue, TNewKey, TNewValue>(
            builder.NewName("KSTREAM-PROCESSOR-", named), supplier, stateStoreNames);

        // A processor may change the key, so, as in Kafka Streams, a later stateful step repartitions.
        return new KStream<TNewKey, TNewValue>(builder, builder.Add(processor, Node), null, null, repartitionRequired: true);
    }

    public IKStream<TKey, TNewValue> ProcessValues<TNewValue>(
        Func<IProcessor<TKey, TValue, TKey, TNewValue>> supplier, string? named = null, params string[] stateStoreNames)
    {
        var processor = new ProcessorTopologyNode<TKey, TValue, TKey, TNewValue>(
            builder.NewName("KSTREAM-PROCESSVALUES-", named), () => new KeyPreservingProcessor<TKey, TValue, TNewValue>(supplier()), stateStoreNames);
        return new KStream<TKey, TNewValue>(builder, builder.Add(processor, Node), keySerde, null, RepartitionRequired);
    }

    public IKStream<TKey, TValue> Repartition(Repartitioned<TKey, TValue>? repartitioned = null)
    {
        var name = builder.NewName("KSTREAM-REPARTITION-", repartitioned?.Name);
        // The application id is prefixed at run time: <applicationId>-<name>-repartition.
        var topic = name + "-repartition";
        var keys = repartitioned?.KeySerde ?? keySerde ?? throw MissingSerde("key", name);
        var values = repartitioned?.ValueSerde ?? valueSerde ?? throw MissingSerde("value", name);
        builder.Add(
            new SinkTopologyNode<TKey, TValue>(name + "-sink", new RepartitionTopicNameExtractor<TKey, TValue>(topic), Produced.With(keys, values)),
            Node);
        var source = builder.Add(new SourceTopologyNode<TKey, TValue>(name + "-source", [topic], Consumed.With(keys, values)) { IsRepartition = true });
        return new KStream<TKey, TValue>(builder, source, keys, values);
    }

    public IKGroupedStream<TKey, TValue> GroupByKey(Grouped<TKey, TValue>? grouped = null)
    {
        var keys = grouped?.KeySerde ?? keySerde;
        var values = grouped?.ValueSerde ?? valueSerde;
        var stream = RepartitionRequired
            ? (KStream<TKey, TValue>)WithSerdes(keys, values).Repartition(Repartitioned(grouped?.Name))
            : this;
        return new KGroupedStream<TKey, TValue>(builder, stream.Node, keys, values);
    }

    public IKGroupedStream<TNewKey, TValue> GroupBy<TNewKey>(Func<TKey, TValue, TNewKey> selector, Grouped<TNewKey, TValue>? grouped = null) =>
        SelectKey(selector).GroupByKey(grouped);

    public IKStream<TKey, TResult> Join<TTableValue, TResult>(
        IKTable<TKey, TTableValue> table, Func<TValue, TTableValue, TResult> joiner, string? named = null) =>
        JoinWith(table, "KSTREAM-JOIN-", named, inner: true, (value, tableValue) => joiner(value, tableValue!));

    public IKStream<TKey, TResult> LeftJoin<TTableValue, TResult>(
        IKTable<TKey, TTableValue> table, Func<TValue, TTableValue?, TResult> joiner, string? named = null) =>
        JoinWith(table, "KSTREAM-LEFTJOIN-", named, inner: false, joiner);

    public void To(string topic, Produced<TKey, TValue> produced, string? named = null) =>
        To(new StaticTopicNameExtractor<TKey, TValue>(topic), produced, named);

    public void To(Func<TKey, TValue, string> topicExtractor, Produced<TKey, TValue> produced, string? named = null) =>
        To(new FunctionTopicNameExtractor<TKey, TValue>(topicExtractor), produced, named);

    public void To(ITopicNameExtractor<TKey, TValue> topicExtractor, Produced<TKey, TValue> produced, string? named = null) =>
        builder.Add(new SinkTopologyNode<TKey, TValue>(builder.NewName("KSTREAM-SINK-", named), topicExtractor, produced), Node);

    internal KStream<TKey, TValue> BranchOf(Func<TKey, TValue, bool> predicate, string name) =>
        Same("KSTREAM-BRANCHCHILD-", name, (record, context) =>
        {
            if (predicate(record.Key, record.Value))
            {
                context.Forward(record);
            }
        });

    private static StatelessProcessor<TKey, TValue, TKey, TValue> PassThrough() => new((record, context) => context.Forward(record));

    private static Repartitioned<TKey, TValue>? Repartitioned(string? name) => name is null ? null : new Repartitioned<TKey, TValue>(name, null, null);

    private static InvalidOperationException MissingSerde(string part, string name) => new(
        $"repartitioning at '{name}' needs a {part} serde: the key changed upstream, so pass Grouped.With(...) or Repartitioned with serdes");

    private KStream<TKey, TValue> WithSerdes(Serde<TKey>? keys, Serde<TValue>? values) => new(builder, Node, keys, values, RepartitionRequired);

    private KStream<TKey, TResult> JoinWith<TTableValue, TResult>(
        IKTable<TKey, TTableValue> table, string prefix, string? named, bool inner, Func<TValue, TTableValue?, TResult> joiner)
    {
        var stream = RepartitionRequired ? (KStream<TKey, TValue>)Repartition() : this;
        var storeName = table.StoreName;
        var join = new ProcessorTopologyNode<TKey, TValue, TKey, TResult>(
            builder.NewName(prefix, named), () => new StreamTableJoinProcessor<TKey, TValue, TTableValue, TResult>(storeName, inner, joiner), [storeName]);
        return new KStream<TKey, TResult>(builder, builder.Add(join, stream.Node), keySerde, null);
    }

    private KStream<TKey, TValue> Same(string prefix, string? named, Action<Record<TKey, TValue>, IProcessorContext<TKey, TValue>> step) =>
        Stateless(prefix, named, keySerde, valueSerde, keyChanged: false, step);

    private KStream<TNewKey, TNewValue> Stateless<TNewKey, TNewValue>(
        string prefix,
        string? named,
        Serde<TNewKey>? newKeySerde,
        Serde<TNewValue>? newValueSerde,
        bool keyChanged,
        Action<Record<TKey, TValue>, IProcessorContext<TNewKey, TNewValue>> step)
    {
        var processor = new ProcessorTopologyNode<TKey, TValue, TNewKey, TNewValue>(
            builder.NewName(prefix, named), () => new StatelessProcessor<TKey, TValue, TNewKey, TNewValue>(step), []);
        return new KStream<TNewKey, TNewValue>(builder, builder.Add(processor, Node), newKeySerde, newValueSerde, RepartitionRequired || keyChanged);
    }
}
