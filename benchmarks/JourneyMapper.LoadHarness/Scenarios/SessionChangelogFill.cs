using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.LoadHarness.Measurement;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>What the fill wrote, and whether the cluster still holds all of it.</summary>
public sealed record ChangelogFill
{
    public required string Topic { get; init; }

    public required long SessionsWritten { get; init; }

    /// <summary>Clicks the sessionizer took to build the sessions.</summary>
    public required long EventsBehindSessions { get; init; }

    /// <summary>Key and value bytes of every record (what the restore consumer copies out; batch framing excluded).</summary>
    public required long PayloadBytes { get; init; }

    public required long LargestPartitionPayloadBytes { get; init; }

    public required long SmallestPartitionRecords { get; init; }

    public required long LargestPartitionRecords { get; init; }

    /// <summary>The sum of the changelog partitions' high watermarks after the fill.</summary>
    public required long ChangelogRecords { get; init; }

    /// <summary>All low watermarks were 0 after the fill: the mock's retention dropped nothing.</summary>
    public required bool NothingDropped { get; init; }

    /// <summary>Building the sessions: the sessionizer over every click, and the changelog records it logged.</summary>
    public required double GenerateSeconds { get; init; }

    /// <summary>Producing them, from the first send to the last acknowledgement.</summary>
    public required double ProduceSeconds { get; init; }

    public double Seconds => GenerateSeconds + ProduceSeconds;

    public double ProducedPerSecond => ProduceSeconds > 0 ? SessionsWritten / ProduceSeconds : 0;

    public double AverageRecordBytes => SessionsWritten > 0 ? (double)PayloadBytes / SessionsWritten : 0;
}

/// <summary>
/// Writes the session store's changelog as a fast producer would: uncompressed as the service writes it, every record sent
/// to the partition of its customer without waiting for it, delivery checked once at the end. The records are built first
/// and then sent partition after partition, so that batches fill up to <c>batch.size</c> (1 MB, some 3,500 sessions):
/// the mock answers a fetch with one batch per partition where Kafka returns up to <c>max.partition.fetch.bytes</c>
/// (1 MB) of batches, so full batches let a fetch carry on the mock what it would carry on Kafka, and the restore is
/// not limited by how the fill happened to batch.
/// </summary>
internal static class SessionChangelogFill
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(20);
    private const int ProgressEvery = 100_000;

    public static ChangelogFill Run(string bootstrapServers, OpenSessionSource source, int sessions, int partitions, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var byPartition = new List<SessionChangelogRecord>[partitions];
        for (var partition = 0; partition < partitions; partition++)
        {
            byPartition[partition] = new List<SessionChangelogRecord>((sessions / partitions) + 1024);
        }

        var built = 0;
        foreach (var record in source.Records(sessions))
        {
            cancellationToken.ThrowIfCancellationRequested();
            byPartition[Murmur2Partitioner.PartitionOf(record.CustomerKey, partitions)].Add(record);
            if (++built % ProgressEvery == 0)
            {
                log.WriteLine($"fill      {clock.Elapsed.TotalSeconds,5:F0} s  sessions built {built,11:N0}");
            }
        }

        var generateSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        long delivered = 0;
        long failed = 0;
        string? firstError = null;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "bench-restore-fill",
            LingerMs = 50,
            BatchSize = 1_000_000,
            BatchNumMessages = 100_000,
            QueueBufferingMaxMessages = 2_000_000,
            QueueBufferingMaxKbytes = 2_000_000,
            CompressionType = CompressionType.None,
            EnableIdempotence = false,
            Acks = Acks.Leader,
        };
        using (var producer = new ProducerBuilder<byte[], byte[]>(config).Build())
        {
            void OnDelivery(DeliveryReport<byte[], byte[]> report)
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, report.Error.Reason, null);
                }
                else
                {
                    Interlocked.Increment(ref delivered);
                }
            }

            for (var partition = 0; partition < partitions; partition++)
            {
                var topicPartition = new TopicPartition(source.ChangelogTopic, partition);
                foreach (var record in byPartition[partition])
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var message = new Message<byte[], byte[]>
                    {
                        Key = record.Key,
                        Value = record.Value,
                        Timestamp = new Timestamp(record.Timestamp, TimestampType.CreateTime),
                    };
                    Send(producer, topicPartition, message, OnDelivery);
                }
            }

            var pending = producer.Flush(FlushTimeout);
            if (pending > 0 || failed > 0 || delivered != sessions)
            {
                throw new InvalidOperationException(
                    $"the fill did not get every session into {source.ChangelogTopic}: {delivered:N0} of {sessions:N0} delivered, {failed:N0} failed ({firstError ?? "no error given"}), {pending:N0} still queued");
            }
        }

        var produceSeconds = clock.Elapsed.TotalSeconds;
        var records = byPartition.Select(partition => (long)partition.Count).ToArray();
        var bytes = byPartition.Select(partition => partition.Sum(record => (long)record.Key.Length + record.Value.Length)).ToArray();
        var (high, nothingDropped) = Watermarks(bootstrapServers, source.ChangelogTopic, partitions, records);
        return new ChangelogFill
        {
            Topic = source.ChangelogTopic,
            SessionsWritten = sessions,
            EventsBehindSessions = source.Events,
            PayloadBytes = bytes.Sum(),
            LargestPartitionPayloadBytes = bytes.Max(),
            SmallestPartitionRecords = records.Min(),
            LargestPartitionRecords = records.Max(),
            ChangelogRecords = high,
            NothingDropped = nothingDropped,
            GenerateSeconds = generateSeconds,
            ProduceSeconds = produceSeconds,
        };
    }

    // Every partition must start at offset 0 and end at what was sent to it: the mock deletes a partition's oldest
    // batches beyond about 5 MB, which would restore fewer sessions than were written and flatter the rate.
    private static (long High, bool NothingDropped) Watermarks(string bootstrapServers, string topic, int partitions, long[] sent)
    {
        using var offsets = new TopicOffsets(bootstrapServers, partitions);
        var watermarks = offsets.Partitions(topic);
        var high = watermarks.Sum(partition => partition.High.Value);
        var problems = new List<string>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var (low, highOfPartition) = (watermarks[partition].Low.Value, watermarks[partition].High.Value);
            if (low != 0 || highOfPartition != sent[partition])
            {
                problems.Add($"[{partition}] low {low:N0}, high {highOfPartition:N0}, sent {sent[partition]:N0}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"{topic} lost records after the fill (the mock keeps about the last 5 MB per partition): {string.Join("; ", problems.Take(5))}"
                + $"{(problems.Count > 5 ? $" and {problems.Count - 5} more" : "")}. Run with more --partitions.");
        }

        return (high, true);
    }

    private static void Send(IProducer<byte[], byte[]> producer, TopicPartition partition, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> onDelivery)
    {
        while (true)
        {
            try
            {
                producer.Produce(partition, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue drains as batches are acknowledged; polling serves their delivery reports meanwhile.
                producer.Poll(QueueFullBackoff);
            }
        }
    }
}
