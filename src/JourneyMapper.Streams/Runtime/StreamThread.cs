using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Streams.Processors;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// One consumer, one producer and the tasks of the partitions assigned to them. The loop polls, processes
/// record by record, runs wall-clock punctuators, and every commit interval flushes the tasks' stores and
/// commits through the <see cref="ICommitter"/> of the configured processing guarantee. Tasks that arrive
/// in a rebalance are restored from their changelogs before they process anything.
/// </summary>
internal sealed partial class StreamThread
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan InitialRetryBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    private readonly Topology _topology;
    private readonly StreamsConfig _config;
    private readonly StreamsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Dictionary<TaskId, StreamTask> _tasks = [];
    private readonly Dictionary<TopicPartition, Offset> _uncommitted = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MetricHistogram _commitLatency;
    private readonly MetricGauge _activeTasks;
    private readonly MetricGauge _assignedPartitions;
    private readonly Dictionary<TopicPartition, MetricGauge> _lag = [];
    private volatile bool _stopRequested;
    private volatile bool _crashRequested;
    private IConsumer<byte[], byte[]>? _consumer;
    private KafkaRecordCollector? _collector;
    private ICommitter? _committer;
    private StoreRestorer? _restorer;
    private TimeSpan _retryBackoff;

    public StreamThread(string name, Topology topology, StreamsConfig config, StreamsMetrics metrics, ILogger logger)
    {
        Name = name;
        _topology = topology;
        _config = config;
        _metrics = metrics;
        _logger = logger;
        var thread = new MetricTag(StreamsMetrics.ThreadIdTag, name);
        _commitLatency = metrics.Histogram(StreamsMetrics.CommitLatency, thread);
        _activeTasks = metrics.Gauge(StreamsMetrics.ActiveTasks, thread);
        _assignedPartitions = metrics.Gauge(StreamsMetrics.AssignedPartitions, thread);
    }

    public string Name { get; }

    /// <summary>Completes when the thread has stopped; faulted when it stopped on an error.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Raised on the thread when it has partitions again after a rebalance, and when it loses them.</summary>
    public event Action<StreamThread, bool>? AssignmentChanged;

    public void Start()
    {
        var thread = new Thread(Run) { Name = Name, IsBackground = true };
        thread.Start();
    }

    public void RequestStop() => _stopRequested = true;

    /// <summary>Stops as a killed process would: no flush, no commit, no goodbye to the group.</summary>
    public void Crash() => _crashRequested = true;

    private void Run()
    {
        try
        {
            RunClients();
        }
        catch (Exception ex)
        {
            LogThreadFailed(ex, Name);
            CloseTasks();
            _completion.SetException(ex);
            return;
        }

        // Only once the clients are disposed: whoever waits for the thread may take the brokers' connections away next.
        _completion.SetResult();
    }

    private void RunClients()
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(ClientConfigs.Producer(_config, Name + "-producer"))
            .SetLogHandler((_, message) => LogClient(message))
            .Build();
        _collector = new KafkaRecordCollector(producer);
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ClientConfigs.Consumer(_config, Name + "-consumer"))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, commit: true))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, commit: false))
            .SetLogHandler((_, message) => LogClient(message))
            .Build();
        using var restoreConsumer = new BatchRestoreConsumer(
            ClientConfigs.RestoreConsumer(_config, Name + "-restore-consumer"),
            LogClient);
        _consumer = consumer;
        _restorer = new StoreRestorer(restoreConsumer, _metrics, _logger, Name);
        _committer = _config.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2
            ? new ExactlyOnceCommitter(producer, _collector, consumer)
            : new AtLeastOnceCommitter(_collector, consumer);
        consumer.Subscribe(_topology.SubscriptionTopics(_config.ApplicationId));
        try
        {
            PollLoop(consumer);
        }
        catch
        {
            AbortQuietly();
            throw;
        }

        if (_crashRequested)
        {
            LogCrashed(Name);
        }
        else
        {
            Shutdown(consumer);
        }
    }

    private void PollLoop(IConsumer<byte[], byte[]> consumer)
    {
        // Every check below reads the coarse millisecond tick, read once per record anyway: a precise clock read per
        // record and check showed in the stream thread's profile, and intervals of a second or so need no better.
        var commitIntervalMs = (long)_config.EffectiveCommitInterval.TotalMilliseconds;
        var lagIntervalMs = (long)LagInterval.TotalMilliseconds;
        var lastCommit = Environment.TickCount64;
        var lastLag = lastCommit;
        var lastPunctuationCheck = 0L;
        while (!_stopRequested && !_crashRequested)
        {
            var record = Consume(consumer);
            if (record is not null && ProcessOrRetryLater(consumer, record))
            {
                _uncommitted[record.TopicPartition] = record.Offset + 1;
            }

            // Wall-clock punctuation has millisecond resolution: checking once per millisecond rather than per record
            // spares every task a clock read per record.
            var tick = Environment.TickCount64;
            if (tick != lastPunctuationCheck)
            {
                lastPunctuationCheck = tick;
                foreach (var task in _tasks.Values)
                {
                    task.MaybePunctuateSystemTime();
                }
            }

            _collector!.ThrowIfFailed();
            if (tick - lastCommit >= commitIntervalMs)
            {
                Commit();
                lastCommit = Environment.TickCount64;
            }

            if (tick - lastLag >= lagIntervalMs)
            {
                UpdateLag(consumer);
                lastLag = tick;
            }
        }
    }

    /// <summary>
    /// Records between each assigned partition's end and the next offset to read, from the consumer's cached watermarks
    /// and its position (no request to the cluster); a partition whose position is not known yet shows no lag, unless
    /// it is empty.
    /// </summary>
    private void UpdateLag(IConsumer<byte[], byte[]> consumer)
    {
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            long? lag = watermarks.High.IsSpecial ? null
                : !position.IsSpecial ? Math.Max(0, watermarks.High.Value - position.Value)
                : watermarks.High == watermarks.Low ? 0
                : null;
            if (lag is not { } records)
            {
                continue;
            }

            if (!_lag.TryGetValue(partition, out var gauge))
            {
                gauge = _metrics.Gauge(
                    StreamsMetrics.RecordsLag,
                    new MetricTag(StreamsMetrics.TopicTag, partition.Topic),
                    new MetricTag(StreamsMetrics.PartitionTag, partition.Partition.Value.ToString(CultureInfo.InvariantCulture)));
                _lag[partition] = gauge;
            }

            gauge.Set(records);
        }
    }

    private void ForgetLag(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions.ToList())
        {
            if (_lag.Remove(partition, out var gauge))
            {
                gauge.Dispose();
            }
        }
    }

    /// <summary>
    /// Processes the record; on a retriable failure rewinds to it and waits, doubling the wait each time, so
    /// the record is read again rather than skipped (a registry outage stalls the thread, it loses nothing).
    /// </summary>
    private bool ProcessOrRetryLater(IConsumer<byte[], byte[]> consumer, ConsumeResult<byte[], byte[]> record)
    {
        try
        {
            _tasks[TaskOf(record.TopicPartition)].Process(record);
            _retryBackoff = TimeSpan.Zero;
            return true;
        }
        catch (RetriableRecordException ex)
        {
            _retryBackoff = _retryBackoff == TimeSpan.Zero ? InitialRetryBackoff : TimeSpan.FromTicks(Math.Min(_retryBackoff.Ticks * 2, _config.MaxRetryBackoff.Ticks));
            LogRetrying(Name, ex.Topic, ex.Partition, ex.Offset, _retryBackoff.TotalMilliseconds, ex.InnerException!.Message);
            consumer.Seek(record.TopicPartitionOffset);
            var waitUntil = DateTime.UtcNow + _retryBackoff;
            while (DateTime.UtcNow < waitUntil && !_stopRequested && !_crashRequested)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(100, _retryBackoff.TotalMilliseconds)));
            }

            return false;
        }
    }

    private ConsumeResult<byte[], byte[]>? Consume(IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            return consumer.Consume(PollTimeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            // A transient fetch error (e.g. a broker restarting) is retried by polling again.
            LogConsumeError(Name, ex.Error.Code.ToString(), ex.Error.Reason);
            return null;
        }
    }

    private void Shutdown(IConsumer<byte[], byte[]> consumer)
    {
        Commit();
        CloseTasks();
        consumer.Close();
        LogStopped(Name);
    }

    /// <summary>Flushes every task's stores, then commits their output with the input offsets processed so far.</summary>
    private bool Commit()
    {
        foreach (var task in _tasks.Values)
        {
            task.FlushStores();
        }

        var offsets = _uncommitted.Select(entry => new TopicPartitionOffset(entry.Key, entry.Value)).ToList();
        var started = Stopwatch.GetTimestamp();
        try
        {
            _committer!.Commit(offsets);
            _uncommitted.Clear();
            _commitLatency.RecordSince(started);
            return true;
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal && _config.ProcessingGuarantee == ProcessingGuarantee.AtLeastOnce)
        {
            // Kept for the next commit; if the partitions moved meanwhile, their new owner re-reads from the
            // last committed offset, which at-least-once allows.
            LogCommitFailed(Name, ex.Error.Code.ToString(), ex.Error.Reason);
            _commitLatency.RecordSince(started);
            return false;
        }
    }

    private void AbortQuietly()
    {
        try
        {
            _committer?.Abort();
        }
        catch (KafkaException ex)
        {
            LogCommitFailed(Name, ex.Error.Code.ToString(), ex.Error.Reason);
        }
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        var created = partitions.Select(TaskOf).Distinct().Where(taskId => !_tasks.ContainsKey(taskId))
            .Select(taskId => new StreamTask(taskId, _topology, _config, _collector!, TimeProvider.System, _metrics))
            .ToList();
        _restorer!.Restore(created);
        foreach (var task in created)
        {
            task.Initialize();
            _tasks[task.Id] = task;
        }

        LogAssigned(Name, _tasks.Keys);
        _activeTasks.Set(_tasks.Count);
        _assignedPartitions.Set(_consumer!.Assignment.Count + partitions.Count(partition => !_consumer.Assignment.Contains(partition)));
        AssignmentChanged?.Invoke(this, true);
    }

    private void OnRevoked(List<TopicPartitionOffset> revoked, bool commit)
    {
        if (_crashRequested)
        {
            return;
        }

        // Eager rebalancing gives up every partition, so everything processed so far is committed. Lost
        // partitions may already belong to someone else: what is not committed must not be.
        var committed = commit && Commit();
        if (!commit)
        {
            AbortQuietly();
        }

        // Offsets of partitions given up are never committed later, even when this commit failed: the new
        // owner's commits would be rewound. Their records are processed again there (at least once).
        var partitions = revoked.Select(tpo => tpo.TopicPartition).ToList();
        foreach (var partition in partitions)
        {
            _uncommitted.Remove(partition);
        }

        var remaining = _consumer!.Assignment.Except(partitions).Select(TaskOf).ToHashSet();
        foreach (var taskId in _tasks.Keys.Where(id => !remaining.Contains(id)).ToList())
        {
            _tasks[taskId].Close();
            _tasks.Remove(taskId);
        }

        ForgetLag(partitions);
        _activeTasks.Set(_tasks.Count);
        _assignedPartitions.Set(_consumer.Assignment.Count - partitions.Count);
        LogRevoked(Name, revoked.Count, committed);
        AssignmentChanged?.Invoke(this, false);
    }

    private TaskId TaskOf(TopicPartition partition) => new(_topology.SubtopologyOf(partition.Topic, _config.ApplicationId).Id, partition.Partition.Value);

    private void CloseTasks()
    {
        foreach (var task in _tasks.Values)
        {
            task.Close();
        }

        _tasks.Clear();
        ForgetLag(_lag.Keys);
        _activeTasks.Set(0);
        _assignedPartitions.Set(0);
    }

    private void LogClient(LogMessage message)
    {
        var logLevel = message.Level switch
        {
            <= SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogClientMessage(logLevel, message.Name, message.Message);

        // Records skipped unread must show where operators look, not only in the log.
        if (OffsetResetLog.TryParse(message, out var topic, out var partition))
        {
            _metrics.Counter(
                StreamsMetrics.OffsetResets,
                new MetricTag(StreamsMetrics.TopicTag, topic),
                new MetricTag(StreamsMetrics.PartitionTag, partition.ToString(CultureInfo.InvariantCulture))).Increment();
        }
    }

    [LoggerMessage(Message = "librdkafka {Client}: {Message}")]
    private partial void LogClientMessage(LogLevel level, string client, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thread} now runs tasks {Tasks}")]
    private partial void LogAssigned(string thread, IEnumerable<TaskId> tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thread} gave up {Partitions} partitions (committed: {Committed})")]
    private partial void LogRevoked(string thread, int partitions, bool committed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Thread} could not fetch: {Code}: {Reason}")]
    private partial void LogConsumeError(string thread, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Thread} will read {Topic}-{Partition}@{Offset} again in {BackoffMs} ms: {Reason}")]
    private partial void LogRetrying(string thread, string topic, int partition, long offset, double backoffMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Thread} could not commit: {Code}: {Reason}")]
    private partial void LogCommitFailed(string thread, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thread} stopped cleanly: output flushed, offsets committed")]
    private partial void LogStopped(string thread);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Thread} crashed on request: nothing flushed or committed")]
    private partial void LogCrashed(string thread);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Thread} failed and stopped")]
    private partial void LogThreadFailed(Exception exception, string thread);
}
