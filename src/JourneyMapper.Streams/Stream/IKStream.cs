using JourneyMapper.Streams.Processors;

namespace JourneyMapper.Streams.Stream;

/// <summary>
/// An unbounded stream of keyed records, as Kafka Streams' <c>KStream</c>. Every step returns a new stream;
/// <paramref name="named"/> arguments give nodes stable names in <see cref="Topology.Describe"/>.
/// </summary>
public interface IKStream<TKey, TValue>
{
    IKStream<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, string? named = null);

    IKStream<TKey, TValue> FilterNot(Func<TKey, TValue, bool> predicate, string? named = null);

    IKStream<TNewKey, TNewValue> Map<TNewKey, TNewValue>(Func<TKey, TValue, (TNewKey Key, TNewValue Value)> mapper, string? named = null);

    IKStream<TNewKey, TNewValue> FlatMap<TNewKey, TNewValue>(Func<TKey, TValue, IEnumerable<(TNewKey Key, TNewValue Value)>> mapper, string? named = null);

    IKStream<TKey, TNewValue> MapValues<TNewValue>(Func<TValue, TNewValue> mapper, string? named = null);

    IKStream<TKey, TNewValue> MapValues<TNewValue>(Func<TKey, TValue, TNewValue> mapper, string? named = null);

    IKStream<TNewKey, TValue> SelectKey<TNewKey>(Func<TKey, TValue, TNewKey> selector, string? named = null);

    IKStream<TKey, TNewValue> FlatMapValues<TNewValue>(Func<TValue, IEnumerable<TNewValue>> mapper, string? named = null);

    IKStream<TKey, TValue> Peek(Action<TKey, TValue> action, string? named = null);

    IKStream<TKey, TValue> Merge(IKStream<TKey, TValue> other, string? named = null);

    /// <summary>Routes each record to the first branch whose predicate it matches.</summary>
    IBranchedKStream<TKey, TValue> Split(string? named = null);

    /// <summary>Attaches a Processor API step; the supplier is called once per task. It may change keys, so a later stateful step repartitions.</summary>
    IKStream<TNewKey, TNewValue> Process<TNewKey, TNewValue>(
        Func<IProcessor<TKey, TValue, TNewKey, TNewValue>> supplier, string? named = null, params string[] stateStoreNames);

    /// <summary>A Processor API step that keeps each record's key (checked), so no repartition follows it.</summary>
    IKStream<TKey, TNewValue> ProcessValues<TNewValue>(
        Func<IProcessor<TKey, TValue, TKey, TNewValue>> supplier, string? named = null, params string[] stateStoreNames);

    /// <summary>Writes through <c>&lt;applicationId&gt;-&lt;name&gt;-repartition</c> so records are partitioned by their current key.</summary>
    IKStream<TKey, TValue> Repartition(Repartitioned<TKey, TValue>? repartitioned = null);

    /// <summary>
    /// Groups by the current key for windowing and aggregation; serdes default to the ones known from upstream.
    /// After a key-changing step the stream is repartitioned first, as in Kafka Streams.
    /// </summary>
    IKGroupedStream<TKey, TValue> GroupByKey(Grouped<TKey, TValue>? grouped = null);

    IKGroupedStream<TNewKey, TValue> GroupBy<TNewKey>(Func<TKey, TValue, TNewKey> selector, Grouped<TNewKey, TValue>? grouped = null);

    /// <summary>Joins each record with the table's current value for its key; records without one are dropped.</summary>
    IKStream<TKey, TResult> Join<TTableValue, TResult>(IKTable<TKey, TTableValue> table, Func<TValue, TTableValue, TResult> joiner, string? named = null);

    /// <summary>Joins each record with the table's current value for its key, or with none (null).</summary>
    IKStream<TKey, TResult> LeftJoin<TTableValue, TResult>(IKTable<TKey, TTableValue> table, Func<TValue, TTableValue?, TResult> joiner, string? named = null);

    void To(string topic, Produced<TKey, TValue> produced, string? named = null);

    void To(ITopicNameExtractor<TKey, TValue> topicExtractor, Produced<TKey, TValue> produced, string? named = null);

    void To(Func<TKey, TValue, string> topicExtractor, Produced<TKey, TValue> produced, string? named = null);
}
