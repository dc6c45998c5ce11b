using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Tools.Kafka;
using Xunit;

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>The restore consumer on librdkafka's batch API, over real clients and the embedded cluster.</summary>
public sealed class BatchRestoreConsumerTests
{
    private const string Changelog = "batch-changelog";
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    [Fact(Timeout = 60_000)]
    public async Task EveryRecordIsReadInOffsetOrderFromWhereItsPartitionWasAssignedWithTombstonesToldFromEmptyValues()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        cluster.CreateTopic(Changelog, 3);
        using (var producer = BytesProducer(cluster, transactional: false))
        {
            for (var partition = 0; partition < 3; partition++)
            {
                for (var offset = 0; offset < 2_000; offset++)
                {
                    producer.Produce(new TopicPartition(Changelog, partition), new Message<byte[]?, byte[]?> { Key = Key(partition, offset), Value = Value(offset) });
                }
            }

            producer.Flush(WaitTimeout);
        }

        using var consumer = new BatchRestoreConsumer(Config(cluster));
        Assert.Equal((0, 2_000), Watermarks(consumer, 1));
        consumer.Assign([new(new(Changelog, 0), 0), new(new(Changelog, 1), 500), new(new(Changelog, 2), 1_999)]);

        var read = await Task.Run(() => ReadUntil(consumer, 2_000 + 1_500 + 1));

        foreach (var (partition, from) in new[] { (0, 0), (1, 500), (2, 1_999) })
        {
            var expected = Enumerable.Range(from, 2_000 - from)
                .Select(offset => (partition, (long)offset, Encoding.UTF8.GetString(Key(partition, offset)), Describe(Value(offset))));
            Assert.Equal(expected, read.Where(record => record.Partition == partition));
        }

        using var nothingMore = consumer.Consume(PollTimeout);
        Assert.Equal(0, nothingMore.Count);
        Assert.All(Enumerable.Range(0, 3), partition => Assert.Equal(2_000, consumer.Position(new TopicPartition(Changelog, partition)).Value));
    }

    [Fact(Timeout = 60_000)]
    public async Task UnderReadCommittedAbortedRecordsAreSkippedAndThePositionPassesTheLastCommitMarker()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        cluster.CreateTopic(Changelog, 1);
        using (var producer = BytesProducer(cluster, transactional: true))
        {
            producer.InitTransactions(WaitTimeout);
            foreach (var (from, commit) in new[] { (0, true), (3, false), (5, true) })
            {
                producer.BeginTransaction();
                for (var i = from; i < from + (commit ? 3 : 2); i++)
                {
                    producer.Produce(Changelog, new Message<byte[]?, byte[]?> { Key = Key(0, i), Value = Value(1) });
                }

                if (commit)
                {
                    producer.CommitTransaction(WaitTimeout);
                }
                else
                {
                    producer.AbortTransaction(WaitTimeout);
                }
            }
        }

        var config = Config(cluster);
        config.IsolationLevel = IsolationLevel.ReadCommitted;
        using var consumer = new BatchRestoreConsumer(config);
        var (low, high) = Watermarks(consumer, 0);
        consumer.Assign([new(new(Changelog, 0), low)]);

        var read = await Task.Run(() => ReadUntil(consumer, 6));
        await Task.Run(() => WaitForPosition(consumer, high));

        Assert.Equal(["k0-0", "k0-1", "k0-2", "k0-5", "k0-6", "k0-7"], read.Select(record => record.Key));
        Assert.Equal(high, consumer.Position(new TopicPartition(Changelog, 0)).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task AnErrorTheClientReportsForAPartitionReachesTheCaller()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic(Changelog, 1);
        using (var producer = BytesProducer(cluster, transactional: false))
        {
            producer.Produce(Changelog, new Message<byte[]?, byte[]?> { Key = Key(0, 0), Value = Value(1) });
            producer.Flush(WaitTimeout);
        }

        var config = Config(cluster);
        config.AutoOffsetReset = AutoOffsetReset.Error;
        using var consumer = new BatchRestoreConsumer(config);
        consumer.Assign([new(new(Changelog, 0), 50)]);

        var failure = await Task.Run(() => Assert.Throws<KafkaException>(() =>
        {
            var deadline = DateTime.UtcNow + WaitTimeout;
            while (DateTime.UtcNow < deadline)
            {
                using var batch = consumer.Consume(PollTimeout);
            }
        }));

        Assert.Equal(ErrorCode.Local_AutoOffsetReset, failure.Error.Code);
    }

    [Fact]
    public void ASettingLibrdkafkaRejectsIsNamed()
    {
        var config = new ConsumerConfig { BootstrapServers = "localhost:9", GroupId = "g" };
        config.Set("fetch.wait.max.msec", "10");

        var failure = Assert.Throws<ArgumentException>(() => new BatchRestoreConsumer(config));

        Assert.StartsWith("The Kafka client setting 'fetch.wait.max.msec' is not accepted: No such configuration property", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADisposedConsumerRefusesToBeUsedAndASecondDisposeIsHarmless()
    {
        var consumer = new BatchRestoreConsumer(new ConsumerConfig { BootstrapServers = "localhost:9", GroupId = "g" });

        consumer.Dispose();
        consumer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => consumer.Consume(TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(() => consumer.Position(new TopicPartition(Changelog, 0)));
        Assert.Throws<ObjectDisposedException>(consumer.Unassign);
    }

    [Fact]
    public void TheClientsLogLinesGoToTheHandlerWithItsName()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<LogMessage>();
        var config = Config(cluster);
        config.Debug = "broker";

        using (var consumer = new BatchRestoreConsumer(config, lines.Enqueue))
        {
            _ = Watermarks(consumer, 0);
        }

        Assert.Contains(lines, line => line.Name.StartsWith("restore-test#consumer-", StringComparison.Ordinal) && line.Level == SyslogLevel.Debug && line.Facility.Length > 0);
    }

    private static ConsumerConfig Config(EmbeddedKafkaCluster cluster) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        GroupId = "restore-test",
        ClientId = "restore-test",
        EnableAutoCommit = false,
        FetchWaitMaxMs = 10,
    };

    private static IProducer<byte[]?, byte[]?> BytesProducer(EmbeddedKafkaCluster cluster, bool transactional) =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            TransactionalId = transactional ? "restore-test-writer" : null,
            LingerMs = 5,
        })
        .SetLogHandler(static (_, _) => { })
        .Build();

    private static byte[] Key(int partition, int offset) => Encoding.UTF8.GetBytes($"k{partition}-{offset}");

    // Every seventh record deletes its key, and every eleventh has an empty value that does not.
    private static byte[]? Value(int offset) => offset % 7 == 0 ? null : offset % 11 == 0 ? [] : Encoding.UTF8.GetBytes($"v{offset}");

    private static string Describe(byte[]? value) => value is null ? "tombstone" : "'" + Encoding.UTF8.GetString(value) + "'";

    private static (long Low, long High) Watermarks(BatchRestoreConsumer consumer, int partition)
    {
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(Changelog, partition), WaitTimeout);
        return (watermarks.Low.Value, watermarks.High.Value);
    }

    private static List<(int Partition, long Offset, string Key, string Value)> ReadUntil(BatchRestoreConsumer consumer, int count)
    {
        var read = new List<(int, long, string, string)>();
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (read.Count < count && DateTime.UtcNow < deadline)
        {
            using var batch = consumer.Consume(PollTimeout);
            for (var i = 0; i < batch.Count; i++)
            {
                var record = batch[i];
                Assert.Equal(Changelog, record.Topic);
                read.Add((record.Partition, record.Offset, Encoding.UTF8.GetString(record.Key), record.IsTombstone ? "tombstone" : "'" + Encoding.UTF8.GetString(record.Value) + "'"));
            }

            batch.Dispose(); // a second dispose, by the using, gives nothing back twice
        }

        return read;
    }

    private static void WaitForPosition(BatchRestoreConsumer consumer, long position)
    {
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (consumer.Position(new TopicPartition(Changelog, 0)).Value < position && DateTime.UtcNow < deadline)
        {
            using var batch = consumer.Consume(PollTimeout);
            Assert.Equal(0, batch.Count);
        }
    }
}
