using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// Replays the changelog partitions of newly assigned tasks into their stores before the tasks process anything, so a
/// task that moved to this instance continues from the state its previous owner had committed. Every changelog
/// partition of the assignment is read at once, as Kafka Streams' changelog reader does: one partition at a time would
/// leave the consumer waiting on each partition's first fetch in turn. The records are applied to the stores by a
/// <see cref="RestoreApplier"/> beside this thread. Progress shows per store in
/// <see cref="StreamsMetrics.RecordsRestored"/> and <see cref="StreamsMetrics.RestoreRemainingRecords"/>.
/// </summary>
internal sealed partial class StoreRestorer(IRestoreConsumer restoreConsumer, StreamsMetrics metrics, ILogger logger, string threadName)
{
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(500);
    private const int ProgressEvery = 100_000;

    public void Restore(IReadOnlyList<StreamTask> tasks)
    {
        var pending = new Dictionary<(string Topic, int Partition), ChangelogRestore>();
        foreach (var task in tasks)
        {
            foreach (var (changelog, store) in task.RestorableStores)
            {
                var watermarks = restoreConsumer.QueryWatermarkOffsets(changelog, WatermarkTimeout);
                if (watermarks.High.Value > watermarks.Low.Value)
                {
                    var storeTag = new MetricTag(StreamsMetrics.StoreTag, (store as IStateStore)?.Name ?? changelog.Topic);
                    pending[(changelog.Topic, changelog.Partition.Value)] = new ChangelogRestore(
                        task.Id, changelog, store, watermarks.Low.Value, watermarks.High.Value,
                        metrics.Counter(StreamsMetrics.RecordsRestored, storeTag),
                        metrics.Gauge(StreamsMetrics.RestoreRemainingRecords, storeTag));
                    store.RestoreStarting(watermarks.High.Value - watermarks.Low.Value);
                    LogRestoring(task.Id.ToString(), changelog.Topic, changelog.Partition.Value, watermarks.High.Value - watermarks.Low.Value);
                }
            }
        }

        if (pending.Count == 0)
        {
            return;
        }

        var timer = Stopwatch.StartNew();
        var restored = 0L;
        // A thread per core, as a restore is most of what the machine does while it runs; a store never needs two.
        var storeCount = pending.Values.Select(restore => restore.Store).Distinct(ReferenceEqualityComparer.Instance).Count();
        using var applier = new RestoreApplier(threadName + "-restore", Math.Min(Environment.ProcessorCount, storeCount));
        restoreConsumer.Assign(pending.Values.Select(restore => new TopicPartitionOffset(restore.Changelog, restore.Low)));
        try
        {
            while (pending.Count > 0)
            {
                var batch = restoreConsumer.Consume(PollTimeout);
                if (batch.Count == 0)
                {
                    batch.Dispose();

                    // Compaction, or a transaction's commit marker, can leave the last offsets without a record: the
                    // consumer's positions say how far each partition is.
                    foreach (var (key, restore) in pending.ToList())
                    {
                        restore.MovedTo(restoreConsumer.Position(restore.Changelog).Value);
                        Finish(pending, key, restore, timer);
                    }

                    continue;
                }

                var stores = new IRestorableStore?[batch.Count];
                for (var i = 0; i < stores.Length; i++)
                {
                    var record = batch[i];
                    var key = (record.Topic, record.Partition);
                    if (!pending.TryGetValue(key, out var current) || record.Offset >= current.End)
                    {
                        continue; // past the end read when the restore began: not part of the state being rebuilt
                    }

                    stores[i] = current.Store;
                    current.Read(record.Offset);
                    if (++restored % ProgressEvery == 0)
                    {
                        LogProgress(restored, pending.Values.Sum(restore => restore.Left), pending.Count);
                    }

                    Finish(pending, key, current, timer);
                }

                applier.Post(batch, stores);
            }

            applier.Complete();
        }
        finally
        {
            // Shared by the tasks restoring the same store: these tasks' shares go, whether they finished or failed.
            foreach (var restore in pending.Values)
            {
                restore.Abandon();
            }

            restoreConsumer.Unassign();
        }
    }

    private void Finish(Dictionary<(string Topic, int Partition), ChangelogRestore> pending, (string Topic, int Partition) key, ChangelogRestore restore, Stopwatch timer)
    {
        if (restore.Left == 0)
        {
            pending.Remove(key);
            LogRestored(restore.Task.ToString(), key.Topic, key.Partition, restore.Restored, timer.Elapsed.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} restoring {Topic}-{Partition}: {Records} records to replay")]
    private partial void LogRestoring(string taskId, string topic, int partition, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restoring: {Restored} records restored, {Remaining} to go in {Partitions} changelog partitions")]
    private partial void LogProgress(long restored, long remaining, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} restored {Topic}-{Partition}: {Records} records, done {Seconds:F2} s into the restore")]
    private partial void LogRestored(string taskId, string topic, int partition, long records, double seconds);

    /// <summary>One changelog partition being replayed: where it stands, and its share of the store's progress metrics.</summary>
    private sealed class ChangelogRestore(TaskId task, TopicPartition changelog, IRestorableStore store, long low, long end, MetricCounter restoredCount, MetricGauge remaining)
    {
        public TopicPartition Changelog { get; } = changelog;

        public IRestorableStore Store { get; } = store;

        private long _position = Start(remaining, low, end);

        public TaskId Task { get; } = task;

        public long Low { get; } = low;

        public long End { get; } = end;

        public long Restored { get; private set; }

        public long Left => Math.Max(0, End - _position);

        /// <summary>The record at <paramref name="offset"/> is read and on its way to the store.</summary>
        public void Read(long offset)
        {
            restoredCount.Increment();
            Restored++;
            MovedTo(offset + 1);
        }

        public void MovedTo(long position)
        {
            var before = Left;
            _position = Math.Max(_position, position);
            remaining.Add(Left - before);
        }

        public void Abandon() => remaining.Add(-Left);

        private static long Start(MetricGauge remaining, long low, long end)
        {
            remaining.Add(end - low);
            return low;
        }
    }
}
