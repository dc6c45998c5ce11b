using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.LoadHarness.PassThrough;

/// <summary>
/// The raw-client limit the pipeline is measured against: every record of the input copied as it is (key, value,
/// headers, timestamp) to the output, by one consumer and one producer built with the stream runtime's own client
/// settings, committing at the runtime's interval the way it does at least once (flush the producer, then commit the
/// offsets of what was sent). No deserialization, state or topology.
/// </summary>
public static class PassThroughPipe
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    /// <param name="assigned">Called once the consumer has its first partitions: from then on, load offered is read.</param>
    /// <returns>Records copied.</returns>
    public static long Run(StreamsConfig config, string input, string output, Action assigned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(assigned);
        KafkaNativeLibrary.EnsureLoaded();
        var pipeConfig = config with { ApplicationId = config.ApplicationId + "-pass-through" };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ClientConfigs.Consumer(pipeConfig, "pass-through-consumer"))
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                if (partitions.Count > 0)
                {
                    assigned();
                }
            })
            .Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(ClientConfigs.Producer(pipeConfig, "pass-through-producer")).Build();
        Exception? deliveryFailure = null;
        void OnDelivery(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                deliveryFailure ??= new KafkaException(report.Error);
            }
        }

        var uncommitted = new Dictionary<TopicPartition, Offset>();
        var sinceCommit = Stopwatch.StartNew();
        long copied = 0;
        consumer.Subscribe(input);
        while (!cancellationToken.IsCancellationRequested)
        {
            var record = consumer.Consume(PollTimeout);
            if (record is { IsPartitionEOF: false })
            {
                var message = record.Message;
                producer.Produce(output, new Message<byte[], byte[]> { Key = message.Key, Value = message.Value, Headers = message.Headers, Timestamp = message.Timestamp }, OnDelivery);
                uncommitted[record.TopicPartition] = record.Offset + 1;
                copied++;
            }

            if (sinceCommit.Elapsed >= config.EffectiveCommitInterval)
            {
                Commit(consumer, producer, uncommitted);
                sinceCommit.Restart();
            }

            if (deliveryFailure is not null)
            {
                throw new InvalidOperationException("The pass-through could not deliver a record.", deliveryFailure);
            }
        }

        Commit(consumer, producer, uncommitted);
        consumer.Close();
        return copied;
    }

    private static void Commit(IConsumer<byte[], byte[]> consumer, IProducer<byte[], byte[]> producer, Dictionary<TopicPartition, Offset> uncommitted)
    {
        producer.Flush(Timeout.InfiniteTimeSpan);
        if (uncommitted.Count > 0)
        {
            consumer.Commit([.. uncommitted.Select(entry => new TopicPartitionOffset(entry.Key, entry.Value))]);
            uncommitted.Clear();
        }
    }
}
