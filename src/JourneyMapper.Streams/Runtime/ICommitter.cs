using Confluent.Kafka;

namespace JourneyMapper.Streams.Runtime;

/// <summary>How a stream thread makes its progress durable: the one place the processing guarantees differ.</summary>
internal interface ICommitter
{
    /// <summary>Makes the output sent so far durable together with the given input offsets.</summary>
    void Commit(IReadOnlyList<TopicPartitionOffset> offsets);

    /// <summary>Discards output not yet committed, where the guarantee allows it (a transaction abort).</summary>
    void Abort();
}

/// <summary>Flush the producer, then commit offsets: input is committed only once its output is acknowledged.</summary>
internal sealed class AtLeastOnceCommitter(KafkaRecordCollector collector, IConsumer<byte[], byte[]> consumer) : ICommitter
{
    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        collector.Flush();
        if (offsets.Count > 0)
        {
            consumer.Commit(offsets);
        }
    }

    public void Abort()
    {
    }
}

/// <summary>
/// Output, changelogs and input offsets go in one transaction per commit (exactly_once_v2: the consumer's
/// group metadata fences zombies, so one producer per thread serves all its tasks).
/// </summary>
internal sealed class ExactlyOnceCommitter : ICommitter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly KafkaRecordCollector _collector;
    private readonly IConsumer<byte[], byte[]> _consumer;

    public ExactlyOnceCommitter(IProducer<byte[]?, byte[]?> producer, KafkaRecordCollector collector, IConsumer<byte[], byte[]> consumer)
    {
        _producer = producer;
        _collector = collector;
        _consumer = consumer;
        _producer.InitTransactions(Timeout);
        _producer.BeginTransaction();
    }

    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        _collector.Flush();
        if (offsets.Count > 0)
        {
            _producer.SendOffsetsToTransaction(offsets, _consumer.ConsumerGroupMetadata, Timeout);
        }

        _producer.CommitTransaction(Timeout);
        _producer.BeginTransaction();
    }

    public void Abort()
    {
        _producer.AbortTransaction(Timeout);
        _producer.BeginTransaction();
    }
}
