namespace JourneyMapper.Streams.Stream;

/// <summary>A stream grouped by key, ready for windowing and aggregation, as Kafka Streams' <c>KGroupedStream</c>.</summary>
public interface IKGroupedStream<TKey, TValue>
{
    ISessionWindowedKStream<TKey, TValue> WindowedBy(SessionWindows windows);
}
