using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.Stream.Internals;

internal sealed class KGroupedStream<TKey, TValue>(
    InternalTopologyBuilder builder, TopologyNode node, Serde<TKey>? keySerde, Serde<TValue>? valueSerde) : IKGroupedStream<TKey, TValue>
{
    public ISessionWindowedKStream<TKey, TValue> WindowedBy(SessionWindows windows) =>
        new SessionWindowedKStream<TKey, TValue>(builder, node, keySerde, valueSerde, windows, EmitStrategy.OnWindowUpdate());
}
