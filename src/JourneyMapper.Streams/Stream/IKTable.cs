namespace JourneyMapper.Streams.Stream;

/// <summary>A changelog stream read as a table: the latest value per key, as Kafka Streams' <c>KTable</c>.</summary>
public interface IKTable<TKey, TValue>
{
    /// <summary>The name of the store holding the table, for the test driver and interactive queries.</summary>
    string StoreName { get; }

    /// <summary>Every update as a record; a deletion is a record with a null (default) value.</summary>
    IKStream<TKey, TValue> ToStream(string? named = null);
}
