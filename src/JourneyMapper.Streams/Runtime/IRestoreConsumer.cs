using Confluent.Kafka;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// The consumer a stream thread rebuilds its stores with, as Kafka Streams' restore consumer: it reads changelogs by
/// assignment, never joins a group and never commits. Records come in batches and are read in place, because a restore
/// is the one place where millions of records are read back to back and a copy of each would cost as much as storing it.
/// </summary>
public interface IRestoreConsumer : IDisposable
{
    WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout);

    void Assign(IEnumerable<TopicPartitionOffset> partitions);

    void Unassign();

    /// <summary>The offset of the next record to be read from <paramref name="partition"/>, or <see cref="Offset.Unset"/>.</summary>
    Offset Position(TopicPartition partition);

    /// <summary>
    /// The records that have arrived, waiting up to <paramref name="timeout"/> for the first; an empty batch when none came.
    /// The caller disposes the batch once it is done with its records, on any thread.
    /// </summary>
    /// <exception cref="KafkaException">the client reported an error for a partition.</exception>
    IChangelogBatch Consume(TimeSpan timeout);
}
