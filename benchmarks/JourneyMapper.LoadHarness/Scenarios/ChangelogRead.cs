using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>
/// The raw-client limit a restore is measured against: every record of a changelog read, from each partition's low
/// watermark to its high one, by the runtime's own restore consumer (<see cref="BatchRestoreConsumer"/>) with its settings
/// (<see cref="ClientConfigs.RestoreConsumer"/>), every partition assigned at once as the runtime's restorer assigns them.
/// Nothing is decoded or stored.
/// </summary>
public static class ChangelogRead
{
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(500);

    public static ChangelogReadResult Run(StreamsConfig config, string topic, int partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var readConfig = config with { ApplicationId = config.ApplicationId + "-changelog-read" };
        using var consumer = new BatchRestoreConsumer(ClientConfigs.RestoreConsumer(readConfig, "changelog-read"));
        var ends = new Dictionary<(string Topic, int Partition), long>();
        var starts = new List<TopicPartitionOffset>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var changelog = new TopicPartition(topic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(changelog, WatermarkTimeout);
            if (watermarks.High.Value > watermarks.Low.Value)
            {
                ends[(topic, partition)] = watermarks.High.Value;
                starts.Add(new TopicPartitionOffset(changelog, watermarks.Low));
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (records, bytes, first, last) = (0L, 0L, TimeSpan.Zero, TimeSpan.Zero);
        consumer.Assign(starts);
        while (ends.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var batch = consumer.Consume(PollTimeout);
            if (batch.Count == 0)
            {
                // As the restorer does: where the records end short of the high watermark, the position says how far a partition is.
                foreach (var (changelog, end) in ends.ToList())
                {
                    if (consumer.Position(new TopicPartition(changelog.Topic, changelog.Partition)).Value >= end)
                    {
                        ends.Remove(changelog);
                    }
                }

                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var record = batch[i];
                var changelog = (record.Topic, record.Partition);
                if (!ends.TryGetValue(changelog, out var partitionEnd) || record.Offset >= partitionEnd)
                {
                    continue;
                }

                first = records++ == 0 ? clock.Elapsed : first;
                last = clock.Elapsed;
                bytes += record.Key.Length + record.Value.Length;
                if (record.Offset + 1 >= partitionEnd)
                {
                    ends.Remove(changelog);
                }
            }
        }

        return new ChangelogReadResult(records, bytes, (last - first).TotalSeconds, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}

/// <param name="Records">Records read.</param>
/// <param name="Bytes">Their keys' and values' bytes.</param>
/// <param name="Seconds">First record to last.</param>
/// <param name="SecondsFromAssign">Assignment to the last record.</param>
/// <param name="CpuSeconds">The reading process's CPU time from assignment to the last record.</param>
public sealed record ChangelogReadResult(long Records, long Bytes, double Seconds, double SecondsFromAssign, double CpuSeconds)
{
    /// <summary>Records over first to last record: the rate a restore's own rate is set against.</summary>
    public double RecordsPerSecond => Seconds > 0 ? Records / Seconds : 0;
}
