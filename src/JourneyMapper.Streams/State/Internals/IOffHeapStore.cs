namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// A store that keeps part of its state in native memory, which the managed heap's figures (the collector's, a heap
/// probe's) do not show: what it holds there is counted here, as Kafka Streams reports RocksDB's memory beside the JVM's.
/// </summary>
internal interface IOffHeapStore
{
    /// <summary>Bytes of native memory the store holds, used or kept free for reuse.</summary>
    long OffHeapBytes { get; }
}
