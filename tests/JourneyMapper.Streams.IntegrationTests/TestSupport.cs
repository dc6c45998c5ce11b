using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Tools.Kafka;
using Microsoft.Extensions.Logging;
using Xunit;

// Every test runs its own mock cluster and consumer groups with session timeouts: running them side by side on a
// two-core machine would only make their timing noisier.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>Keeps every formatted log line of the loggers it creates, for assertions on what the runtime did.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(DateTimeOffset At, string Category, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(DateTimeOffset At, string Category, LogLevel Level, string Message)> Entries => _entries.ToArray();

    public IEnumerable<string> Messages(string contains) =>
        _entries.Where(entry => entry.Message.Contains(contains, StringComparison.Ordinal)).Select(entry => entry.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += " | " + exception.GetType().Name + ": " + exception.Message;
            }

            owner._entries.Enqueue((DateTimeOffset.UtcNow, category, logLevel, message));
        }
    }
}

/// <summary>Plain Confluent clients around an <see cref="EmbeddedKafkaCluster"/>: input, output and group offsets.</summary>
internal static class KafkaIo
{
    public static IProducer<string, string> Producer(EmbeddedKafkaCluster cluster) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 15_000,
        })
        .SetLogHandler(static (_, _) => { })
        .SetErrorHandler(static (_, _) => { })
        .Build();

    /// <summary>Produces in order (one producer, idempotent: per-partition order holds) and waits for every ack.</summary>
    public static async Task<DeliveryResult<string, string>[]> ProduceAsync(
        IProducer<string, string> producer, string topic, IEnumerable<(string Key, string Value, long Timestamp)> records)
    {
        var deliveries = records
            .Select(record => producer.ProduceAsync(topic, new Message<string, string>
            {
                Key = record.Key,
                Value = record.Value,
                Timestamp = new Timestamp(record.Timestamp, TimestampType.CreateTime),
            }))
            .ToList();
        return await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// Reads every partition of <paramref name="topic"/> from its beginning to its end. With
    /// <paramref name="toHighWatermark"/> the end is the high watermark at the call (everything written), else it
    /// is where the consumer first reports end-of-partition (for read_committed: the last stable offset).
    /// Returns the records in partition order and each partition's final position.
    /// </summary>
    public static Task<(IReadOnlyList<ConsumeResult<string?, string?>> Records, IReadOnlyDictionary<int, long> Positions)> ReadAllAsync(
        EmbeddedKafkaCluster cluster, string topic, int partitions, IsolationLevel isolation, bool toHighWatermark, TimeSpan timeout) =>
        // Confluent's Consume blocks; keep it off the test thread so that the test's timeout can still fire.
        Task.Run(() => ReadAll(cluster, topic, partitions, isolation, toHighWatermark, timeout));

    /// <summary>The last value per key of a topic read to its high watermark: a table, tombstones kept as null.</summary>
    public static async Task<SortedDictionary<string, string?>> ReadTableAsync(EmbeddedKafkaCluster cluster, string topic, int partitions, TimeSpan timeout)
    {
        var (records, _) = await ReadAllAsync(cluster, topic, partitions, IsolationLevel.ReadCommitted, toHighWatermark: true, timeout);
        var table = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            table[record.Message.Key ?? throw new InvalidOperationException("an output record without a key")] = record.Message.Value;
        }

        return table;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not reached within {timeout}: {describe()}");
            }

            await Task.Delay(50);
        }
    }

    public static (IReadOnlyList<ConsumeResult<string?, string?>> Records, IReadOnlyDictionary<int, long> Positions) ReadAll(
        EmbeddedKafkaCluster cluster, string topic, int partitionCount, IsolationLevel isolation, bool toHighWatermark, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string?, string?>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = isolation,
        })
        .SetLogHandler(static (_, _) => { })
        .SetErrorHandler(static (_, _) => { })
        .Build();
        var partitions = Enumerable.Range(0, partitionCount).Select(p => new TopicPartition(topic, p)).ToList();
        var ends = partitions.ToDictionary(
            tp => tp.Partition.Value,
            tp => toHighWatermark ? consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value : long.MaxValue);
        consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));

        var records = new List<ConsumeResult<string?, string?>>();
        var positions = new Dictionary<int, long>();
        var atEof = new HashSet<int>();
        var clock = Stopwatch.StartNew();
        bool Done(int partition) => toHighWatermark
            ? ends[partition] == 0 || positions.GetValueOrDefault(partition, 0) >= ends[partition]
            : atEof.Contains(partition);

        while (!partitions.All(tp => Done(tp.Partition.Value)))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"read {records.Count} records of '{topic}' in {timeout}; ends {string.Join(",", ends.Values)}, " +
                    $"positions {string.Join(",", positions.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))}");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            var partition = result.Partition.Value;
            if (result.IsPartitionEOF)
            {
                atEof.Add(partition);
                positions[partition] = result.Offset.Value;
            }
            else
            {
                atEof.Remove(partition);
                records.Add(result);
                positions[partition] = result.Offset.Value + 1;
            }
        }

        consumer.Close();
        return (records, positions);
    }
}

/// <summary>The input partitions' end offsets and the application's committed offsets, read without joining its group.</summary>
internal sealed class GroupProgress : IDisposable
{
    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly List<TopicPartition> _partitions;

    public GroupProgress(EmbeddedKafkaCluster cluster, string applicationId, string topic, int partitions)
    {
        _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = applicationId,
            EnableAutoCommit = false,
        })
        .SetLogHandler(static (_, _) => { })
        .SetErrorHandler(static (_, _) => { })
        .Build();
        _partitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
    }

    /// <summary>The group's committed offset per partition; <see cref="Offset.Unset"/> (-1001) where it has none.</summary>
    public Dictionary<int, long> Committed() =>
        _consumer.Committed(_partitions, TimeSpan.FromSeconds(5)).ToDictionary(tpo => tpo.Partition.Value, tpo => tpo.Offset.Value);

    /// <summary>Commits <paramref name="offset"/> for the group, as if it had read that far.</summary>
    public void Commit(int partition, long offset) => _consumer.Commit([new TopicPartitionOffset(_partitions[partition], offset)]);

    /// <summary>The first offset the partition still holds: everything before it was deleted by retention.</summary>
    public long LowWatermark(int partition) => _consumer.QueryWatermarkOffsets(_partitions[partition], TimeSpan.FromSeconds(5)).Low.Value;

    /// <summary>True when every input partition's committed offset is its high watermark: all input processed and committed.</summary>
    public bool AllCommitted(out string detail)
    {
        var committed = Committed();
        var ends = _partitions.ToDictionary(tp => tp.Partition.Value, tp => _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value);
        detail = string.Join(", ", ends.Keys.Order().Select(p => $"p{p}: {committed.GetValueOrDefault(p, -1)}/{ends[p]}"));
        return ends.All(end => committed.GetValueOrDefault(end.Key, -1) == end.Value);
    }

    public async Task WaitUntilAllCommittedAsync(TimeSpan timeout)
    {
        var detail = "";
        await KafkaIo.WaitUntilAsync(() => AllCommitted(out detail), timeout, () => $"committed/end offsets {detail}");
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
