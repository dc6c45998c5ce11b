namespace JourneyMapper.Streams.Stream;

/// <summary>A changelog stream read as a table: the latest value per key, as Kafka Streams' <c>KTable</c>.</summary>
public interface IKTable<TKey, TValue>
{
    /// <summary>The name of the store holding the table, for the test driver and interactive queries.</summary>
    string StoreName { get; }

    /// <summary>
    /// The rows that satisfy <paramref name="predicate"/>, as a table of their own (Kafka Streams' <c>filter</c>): an
    /// update that fails the predicate, or a deletion, removes its key. Its rows are kept in a store named by
    /// <paramref name="materialized"/> (only the name is used), filled from this table's store whenever a task starts
    /// and kept in step with every update after, so it needs no changelog of its own. Worth it where the rows kept are
    /// few and looked up often: the lookups stay in a small table. Only for a table kept in a key-value store.
    /// </summary>
    IKTable<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, Materialized<TKey, TValue>? materialized = null, string? named = null);

    /// <summary>Every update as a record; a deletion is a record with a null (default) value.</summary>
    IKStream<TKey, TValue> ToStream(string? named = null);
}
