using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Tools.Kafka;

namespace JourneyMapper.Tools.Tests;

/// <summary>Client settings and helpers for tests against an <see cref="EmbeddedKafkaCluster"/>.</summary>
internal static class KafkaTestClients
{
    public static ProducerConfig ProducerConfig(EmbeddedKafkaCluster cluster, bool idempotent = false) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        EnableIdempotence = idempotent,
        Acks = Acks.All,
        LingerMs = 5,
        // Long enough to ride out injected faults, short enough that a lost message fails the test quickly.
        MessageTimeoutMs = 15_000,
        RetryBackoffMs = 50,
        // librdkafka's default backoff grows to 10 s, longer than a test should wait for a broker that came back.
        ReconnectBackoffMs = 50,
        ReconnectBackoffMaxMs = 500,
    };

    public static ConsumerConfig ConsumerConfig(EmbeddedKafkaCluster cluster, string groupId) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnablePartitionEof = true,
        SessionTimeoutMs = 6_000,
        ReconnectBackoffMs = 50,
        ReconnectBackoffMaxMs = 500,
    };

    /// <summary>Builds a producer whose librdkafka logs go to <paramref name="log"/> instead of stderr.</summary>
    public static IProducer<string, string> BuildProducer(ProducerConfig config, Action<LogMessage>? log = null) =>
        new ProducerBuilder<string, string>(config)
            .SetLogHandler((_, message) => log?.Invoke(message))
            .SetErrorHandler(static (_, _) => { })
            .Build();

    /// <summary>
    /// Reads <paramref name="topic"/> with a consumer group until every assigned partition is at its end, so
    /// that duplicates beyond <paramref name="expectedCount"/> are read too rather than missed.
    /// </summary>
    public static Task<IReadOnlyList<ConsumeResult<string, string>>> ConsumeToEndAsync(
        EmbeddedKafkaCluster cluster, string topic, int expectedCount, TimeSpan timeout) =>
        // Confluent's Consume blocks; keep it off the test's thread so xunit's timeout can still fire.
        Task.Run<IReadOnlyList<ConsumeResult<string, string>>>(() => ConsumeToEnd(cluster, topic, expectedCount, timeout));

    private static List<ConsumeResult<string, string>> ConsumeToEnd(
        EmbeddedKafkaCluster cluster, string topic, int expectedCount, TimeSpan timeout)
    {
        var config = ConsumerConfig(cluster, $"test-{Guid.NewGuid():N}");
        using var consumer = new ConsumerBuilder<string, string>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();
        consumer.Subscribe(topic);

        var results = new List<ConsumeResult<string, string>>();
        var atEnd = new HashSet<TopicPartition>();
        var clock = Stopwatch.StartNew();
        try
        {
            while (!(results.Count >= expectedCount && consumer.Assignment.Count > 0 && atEnd.IsSupersetOf(consumer.Assignment)))
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException(
                        $"Read {results.Count} of {expectedCount} messages from '{topic}' in {timeout}; " +
                        $"{atEnd.Count} of {consumer.Assignment.Count} assigned partition(s) at their end.");
                }

                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null)
                {
                    continue;
                }

                if (result.IsPartitionEOF)
                {
                    atEnd.Add(result.TopicPartition);
                }
                else
                {
                    atEnd.Remove(result.TopicPartition);
                    results.Add(result);
                }
            }
        }
        finally
        {
            consumer.Close();
        }

        return results;
    }
}
