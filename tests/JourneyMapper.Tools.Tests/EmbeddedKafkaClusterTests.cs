using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Tools.Kafka;
using Xunit;

namespace JourneyMapper.Tools.Tests;

public sealed class EmbeddedKafkaClusterTests
{
    private const short ProduceApiKey = 0;
    private const int TestTimeoutMs = 30_000;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);

    [Fact(Timeout = TestTimeoutMs)]
    public async Task KeyedMessagesRoundTripThroughAConsumerGroup()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        Assert.Equal(3, cluster.BrokerCount);
        Assert.Equal(3, cluster.BootstrapServers.Split(',').Length);
        cluster.CreateTopic("journeys", partitions: 6);
        var sent = Enumerable.Range(0, 100).Select(i => ($"key-{i}", $"value-{i}")).ToHashSet();

        using (var producer = KafkaTestClients.BuildProducer(KafkaTestClients.ProducerConfig(cluster)))
        {
            var deliveries = await Task.WhenAll(sent.Select(m =>
                producer.ProduceAsync("journeys", new Message<string, string> { Key = m.Item1, Value = m.Item2 })))
                .WaitAsync(StepTimeout);

            Assert.All(deliveries, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
            // 100 distinct keys land on every partition, which only holds if the topic has the 6 we asked for.
            Assert.Equal(Enumerable.Range(0, 6), deliveries.Select(d => d.Partition.Value).Distinct().Order());
        }

        var read = await KafkaTestClients.ConsumeToEndAsync(cluster, "journeys", sent.Count, StepTimeout);

        Assert.Equal(sent.Count, read.Count);
        Assert.Equal(sent, read.Select(r => (r.Message.Key, r.Message.Value)).ToHashSet());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task IdempotentProducerDeliversEverythingOnceAcrossABrokerOutage()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        cluster.CreateTopic("outage", partitions: 3);
        for (var partition = 0; partition < 3; partition++)
        {
            cluster.SetPartitionLeader("outage", partition, brokerId: partition + 1);
        }

        using var producer = KafkaTestClients.BuildProducer(KafkaTestClients.ProducerConfig(cluster, idempotent: true));
        Task<DeliveryResult<string, string>> Send(int i) => producer.ProduceAsync(
            new TopicPartition("outage", i % 3), new Message<string, string> { Key = $"key-{i}", Value = $"value-{i}" });

        await Task.WhenAll(Enumerable.Range(0, 50).Select(Send)).WaitAsync(StepTimeout);

        cluster.SetBrokerDown(2);
        var duringOutage = Enumerable.Range(50, 50).Select(i => (Partition: i % 3, Delivery: Send(i))).ToList();
        await Task.WhenAll(duringOutage.Where(s => s.Partition != 1).Select(s => s.Delivery)).WaitAsync(StepTimeout);
        // Partition 1 is led by the broker that is down, and the mock does not move leadership.
        Assert.DoesNotContain(duringOutage, s => s.Partition == 1 && s.Delivery.IsCompleted);

        cluster.SetBrokerUp(2);
        var delivered = await Task.WhenAll(duringOutage.Select(s => s.Delivery)).WaitAsync(StepTimeout);
        Assert.All(delivered, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));

        var read = await KafkaTestClients.ConsumeToEndAsync(cluster, "outage", 100, StepTimeout);

        Assert.Equal(100, read.Count);
        Assert.Equal(
            Enumerable.Range(0, 100).Select(i => ($"key-{i}", $"value-{i}", i % 3)).ToHashSet(),
            read.Select(r => (r.Message.Key, r.Message.Value, r.Partition.Value)).ToHashSet());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ProducerRetriesPastInjectedRetriableProduceErrors()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        cluster.CreateTopic("flaky", partitions: 1);
        var config = KafkaTestClients.ProducerConfig(cluster);
        // librdkafka requeues a batch refused with NotLeaderForPartition without counting a retry, so the
        // failed attempts are visible only in its message debug log.
        config.Debug = "msg";
        var producerErrors = new ConcurrentQueue<string>();
        using var producer = KafkaTestClients.BuildProducer(config, log =>
        {
            if (log.Message.Contains("encountered error", StringComparison.Ordinal))
            {
                producerErrors.Enqueue(log.Message);
            }
        });

        cluster.PushRequestErrors(
            ProduceApiKey, ErrorCode.NotLeaderForPartition, ErrorCode.NotLeaderForPartition, ErrorCode.NotLeaderForPartition);
        var delivered = await producer.ProduceAsync("flaky", new Message<string, string> { Key = "k", Value = "v" })
            .WaitAsync(StepTimeout);

        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.Equal(0, delivered.Offset.Value);
        Assert.Equal(3, producerErrors.Count);
        Assert.All(producerErrors, e => Assert.Contains("Not leader for partition", e, StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task InjectedPermanentErrorReachesTheProducerWithItsCode()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic("denied", partitions: 1);
        using var producer = KafkaTestClients.BuildProducer(KafkaTestClients.ProducerConfig(cluster));
        var message = new Message<string, string> { Key = "k", Value = "v" };

        // A non-retriable code that, unlike the authorization errors, librdkafka does not go on applying to the topic.
        cluster.PushRequestErrors(ProduceApiKey, ErrorCode.MsgSizeTooLarge);
        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync("denied", message).WaitAsync(StepTimeout));
        Assert.Equal(ErrorCode.MsgSizeTooLarge, failure.Error.Code);

        // The injected error is used up by the one request it failed.
        var delivered = await producer.ProduceAsync("denied", message).WaitAsync(StepTimeout);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task BrokerRttDelaysResponses()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic("slow", partitions: 1);
        using var producer = KafkaTestClients.BuildProducer(KafkaTestClients.ProducerConfig(cluster));
        await producer.ProduceAsync("slow", new Message<string, string> { Key = "warm", Value = "up" }).WaitAsync(StepTimeout);

        cluster.SetBrokerRtt(1, TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        await producer.ProduceAsync("slow", new Message<string, string> { Key = "k", Value = "v" }).WaitAsync(StepTimeout);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"Delivered in {clock.Elapsed}.");
    }

    [Fact]
    public void CreateTopicReportsAnExistingTopic()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopics([("once", 2), ("other", 3)]);

        var error = Assert.Throws<KafkaException>(() => cluster.CreateTopic("once", partitions: 2));
        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
    }

    [Fact]
    public void BrokerIdsOutsideTheClusterAreRejected()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetBrokerDown(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetBrokerUp(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", partitions: 1, replicationFactor: 4));
    }

    [Fact]
    public void MethodsThrowAfterDispose()
    {
        var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", partitions: 1));
        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerDown(1));
        Assert.Throws<ObjectDisposedException>(() => cluster.PushRequestErrors(ProduceApiKey, ErrorCode.NotLeaderForPartition));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task DisposeRacingWithCallsLetsEachCallFinishOrThrowObjectDisposed()
    {
        var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        // Dedicated threads: each mock command blocks for a few milliseconds, which would starve a small pool.
        var callers = Enumerable.Range(1, 3).Select(brokerId => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 500; i++)
                {
                    try
                    {
                        cluster.SetBrokerRtt(brokerId, TimeSpan.FromMilliseconds(i % 2));
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();

        await Task.Delay(TimeSpan.FromMilliseconds(50));
        Parallel.Invoke(cluster.Dispose, cluster.Dispose);
        await Task.WhenAll(callers).WaitAsync(StepTimeout);

        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerUp(1));
    }
}
