using Confluent.Kafka;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// The consumer and producer settings a stream thread needs, with the user's properties layered on top. Public, as Kafka
/// Streams' <c>StreamsConfig.getMainConsumerConfigs</c> is, so that tools can run plain clients exactly as the runtime does.
/// </summary>
public static class ClientConfigs
{
    public static ConsumerConfig Consumer(StreamsConfig config, string clientId)
    {
        var consumer = new ConsumerConfig(Merge(config.ClientProperties, config.ConsumerProperties))
        {
            BootstrapServers = config.BootstrapServers,
            GroupId = config.ApplicationId,
            ClientId = clientId,
        };

        // Offsets are committed by the runtime after output is flushed, never by the client on its own.
        consumer.EnableAutoCommit = false;
        consumer.EnableAutoOffsetStore = false;
        consumer.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        if (config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2)
        {
            consumer.IsolationLevel = IsolationLevel.ReadCommitted;
        }

        return consumer;
    }

    /// <summary>Reads changelogs by assignment; it never joins the group or commits.</summary>
    public static ConsumerConfig RestoreConsumer(StreamsConfig config, string clientId)
    {
        var consumer = new ConsumerConfig(Merge(config.ClientProperties, config.ConsumerProperties))
        {
            BootstrapServers = config.BootstrapServers,
            GroupId = config.ApplicationId + "-restore",
            ClientId = clientId,
        };
        consumer.EnableAutoCommit = false;
        consumer.AutoOffsetReset = AutoOffsetReset.Earliest;

        // A restore reads what is there and moves on to the next partition. A broker holding an empty fetch for the
        // default 500 ms would stall the offset queries queued behind it on the same connection, partition after
        // partition: most of a large restore's time went there (BENCHMARKS.md).
        consumer.FetchWaitMaxMs ??= 10;

        // librdkafka before 2.1 stops fetching every partition for a whole second once the consumer's queue holds
        // queued.min.messages records (100,000 by default) or queued.max.messages.kbytes (64 MiB), and a restore drains
        // 100,000 records in well under that second, so the fetchers sat idle for much of a restore. Only the bytes
        // bound the queue now: 64 MiB holds about a second of what the stores take in, and no more memory than before.
        consumer.QueuedMinMessages ??= 10_000_000;

        // Under exactly-once a restore must not replay changelog writes of aborted transactions.
        consumer.IsolationLevel = config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2
            ? IsolationLevel.ReadCommitted
            : IsolationLevel.ReadUncommitted;
        return consumer;
    }

    public static ProducerConfig Producer(StreamsConfig config, string clientId)
    {
        var producer = new ProducerConfig(Merge(config.ClientProperties, config.ProducerProperties))
        {
            BootstrapServers = config.BootstrapServers,
            ClientId = clientId,
        };
        producer.EnableIdempotence ??= true;
        producer.Acks ??= Acks.All;
        // A task writes many small records (output, changelogs), and the producer's cost is per record and per wake-up:
        // Kafka Streams raises linger.ms to 100 for this; 20 ms keeps most of the gain at a fifth of the added latency.
        producer.LingerMs ??= 20;

        // The record collector reads only a report's error, and the topic, which the client keeps with the handler: reading
        // each delivered record's key, value, timestamp and headers back from librdkafka cost the poll thread for nothing.
        producer.DeliveryReportFields ??= "none";

        // The Java client's partitioner, so that keys land where Kafka Streams and Java producers put them.
        producer.Partitioner ??= Partitioner.Murmur2Random;
        if (config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2)
        {
            // exactly_once_v2 fences through the consumer group, so the id only has to be unique per thread.
            producer.TransactionalId = $"{config.ApplicationId}-{Guid.NewGuid():N}-{clientId}";
            producer.EnableIdempotence = true;
        }

        return producer;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> shared, IReadOnlyDictionary<string, string> specific)
    {
        var merged = new Dictionary<string, string>(shared);
        foreach (var (key, value) in specific)
        {
            merged[key] = value;
        }

        return merged;
    }
}
