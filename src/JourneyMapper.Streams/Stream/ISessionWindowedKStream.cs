namespace JourneyMapper.Streams.Stream;

/// <summary>A grouped stream cut into session windows, as Kafka Streams' <c>SessionWindowedKStream</c>.</summary>
public interface ISessionWindowedKStream<TKey, TValue>
{
    /// <summary>Every update (the default) or only final results when windows close.</summary>
    ISessionWindowedKStream<TKey, TValue> EmitStrategy(EmitStrategy strategy);

    /// <summary>
    /// Aggregates each session: <paramref name="aggregator"/> adds a record, <paramref name="merger"/> joins two
    /// sessions a record bridged. The result is keyed by the windowed key and timestamped with the session end.
    /// </summary>
    IKTable<Windowed<TKey>, TAggregate> Aggregate<TAggregate>(
        Func<TAggregate> initializer,
        Func<TKey, TValue, TAggregate, TAggregate> aggregator,
        Func<TKey, TAggregate, TAggregate, TAggregate> merger,
        Materialized<TKey, TAggregate>? materialized = null,
        string? named = null);

    /// <summary>Counts the records of each session.</summary>
    IKTable<Windowed<TKey>, long> Count(Materialized<TKey, long>? materialized = null, string? named = null);

    /// <summary>
    /// Records that arrived after their session had closed (the aggregation counts them and sends them here, with
    /// <see cref="LateRecordHeaders"/>); available once the aggregation is defined. Nothing late is dropped unseen.
    /// </summary>
    IKStream<TKey, TValue> LateRecords();
}
