using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams.State;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// Replays a task's changelog partitions into its stores before the task processes anything, so a task
/// that moved to this instance continues from the state its previous owner had committed. Progress shows per store
/// in <see cref="StreamsMetrics.RecordsRestored"/> and <see cref="StreamsMetrics.RestoreRemainingRecords"/>.
/// </summary>
internal sealed partial class StoreRestorer(IConsumer<byte[], byte[]> restoreConsumer, StreamsMetrics metrics, ILogger logger)
{
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(500);
    private const int ProgressEvery = 100_000;

    public void Restore(StreamTask task)
    {
        foreach (var (changelog, store) in task.RestorableStores)
        {
            var watermarks = restoreConsumer.QueryWatermarkOffsets(changelog, WatermarkTimeout);
            if (watermarks.High.Value <= watermarks.Low.Value)
            {
                continue;
            }

            var end = watermarks.High.Value;
            var restored = 0L;
            var timer = Stopwatch.StartNew();
            LogRestoring(task.Id.ToString(), changelog.Topic, changelog.Partition.Value, end - watermarks.Low.Value);
            var storeTag = new MetricTag(StreamsMetrics.StoreTag, (store as IStateStore)?.Name ?? changelog.Topic);
            var restoredCount = metrics.Counter(StreamsMetrics.RecordsRestored, storeTag);
            var remaining = metrics.Gauge(StreamsMetrics.RestoreRemainingRecords, storeTag);
            var left = end - watermarks.Low.Value;
            remaining.Add(left);
            restoreConsumer.Assign(new TopicPartitionOffset(changelog, watermarks.Low));
            var position = watermarks.Low.Value;
            try
            {
                while (position < end)
                {
                    var record = restoreConsumer.Consume(PollTimeout);
                    if (record is null || record.IsPartitionEOF)
                    {
                        // Compaction can leave the last offsets empty: the consumer's position says how far we are.
                        position = Math.Max(position, restoreConsumer.Position(changelog).Value);
                    }
                    else
                    {
                        store.Restore(record.Message.Key, record.Message.Value);
                        restoredCount.Increment();
                        position = record.Offset.Value + 1;
                        if (++restored % ProgressEvery == 0)
                        {
                            LogProgress(task.Id.ToString(), changelog.Topic, restored, end - position);
                        }
                    }

                    var nowLeft = Math.Max(0, end - position);
                    remaining.Add(nowLeft - left);
                    left = nowLeft;
                }
            }
            finally
            {
                // Shared by the tasks restoring the same store: this task's share goes, whether it finished or failed.
                remaining.Add(-left);
            }

            restoreConsumer.Unassign();
            LogRestored(task.Id.ToString(), changelog.Topic, changelog.Partition.Value, restored, timer.Elapsed.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} restoring {Topic}-{Partition}: {Records} records to replay")]
    private partial void LogRestoring(string taskId, string topic, int partition, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} restoring {Topic}: {Restored} restored, {Remaining} to go")]
    private partial void LogProgress(string taskId, string topic, long restored, long remaining);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} restored {Topic}-{Partition}: {Records} records in {Seconds:F2} s")]
    private partial void LogRestored(string taskId, string topic, int partition, long records, double seconds);
}
