using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Streams.Processors;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// One consumer, one producer and the tasks of the partitions assigned to them: polls, processes record
/// by record, and every commit interval flushes output before committing input (at-least-once).
/// </summary>
internal sealed partial class StreamThread
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Topology _topology;
    private readonly StreamsConfig _config;
    private readonly ILogger _logger;
    private readonly Dictionary<TaskId, StreamTask> _tasks = [];
    private readonly Dictionary<TopicPartition, Offset> _uncommitted = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;
    private IConsumer<byte[], byte[]>? _consumer;
    private KafkaRecordCollector? _collector;
    private StoreRestorer? _restorer;

    private readonly StreamsMetrics _metrics;

    public StreamThread(string name, Topology topology, StreamsConfig config, StreamsMetrics metrics, ILogger logger)
    {
        _metrics = metrics;
        Name = name;
        _topology = topology;
        _config = config;
        _logger = logger;
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

    private void Run()
    {
        try
        {
            KafkaNativeLibrary.EnsureLoaded();
            using var producer = new ProducerBuilder<byte[]?, byte[]?>(ClientConfigs.Producer(_config, Name + "-producer"))
                .SetLogHandler((_, message) => LogClient(message.Level, message.Name, message.Message))
                .Build();
            _collector = new KafkaRecordCollector(producer);
            using var consumer = new ConsumerBuilder<byte[], byte[]>(ClientConfigs.Consumer(_config, Name + "-consumer"))
                .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
                .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, commit: true))
                .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, commit: false))
                .SetLogHandler((_, message) => LogClient(message.Level, message.Name, message.Message))
                .Build();
            using var restoreConsumer = new ConsumerBuilder<byte[], byte[]>(ClientConfigs.RestoreConsumer(_config, Name + "-restore-consumer"))
                .SetLogHandler((_, message) => LogClient(message.Level, message.Name, message.Message))
                .Build();
            _restorer = new StoreRestorer(restoreConsumer, _logger);
            _consumer = consumer;
            consumer.Subscribe(_topology.SourceTopics);
            PollLoop(consumer);
            Shutdown(consumer);
            _completion.SetResult();
        }
        catch (Exception ex)
        {
            LogThreadFailed(ex, Name);
            CloseTasks();
            _completion.SetException(ex);
        }
    }

    private void PollLoop(IConsumer<byte[], byte[]> consumer)
    {
        var sinceCommit = Stopwatch.StartNew();
        while (!_stopRequested)
        {
            var record = Consume(consumer);
            if (record is not null)
            {
                _tasks[TaskOf(record.TopicPartition)].Process(record);
                _uncommitted[record.TopicPartition] = record.Offset + 1;
            }

            foreach (var task in _tasks.Values)
            {
                task.MaybePunctuateSystemTime();
            }

            _collector!.ThrowIfFailed();
            if (sinceCommit.Elapsed >= _config.CommitInterval)
            {
                Commit(consumer, _uncommitted.Keys.ToList());
                sinceCommit.Restart();
            }
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
        Commit(consumer, _uncommitted.Keys.ToList());
        CloseTasks();
        consumer.Close();
        LogStopped(Name);
    }

    /// <summary>Flushes every task's stores and output, then commits the input offsets of the given partitions.</summary>
    private void Commit(IConsumer<byte[], byte[]> consumer, IReadOnlyCollection<TopicPartition> partitions)
    {
        foreach (var task in _tasks.Values)
        {
            task.FlushStores();
        }

        _collector!.Flush();
        var offsets = partitions
            .Where(_uncommitted.ContainsKey)
            .Select(partition => new TopicPartitionOffset(partition, _uncommitted[partition]))
            .ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            foreach (var offset in offsets)
            {
                _uncommitted.Remove(offset.TopicPartition);
            }
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            // Kept for the next commit; if the partitions moved meanwhile, their new owner re-reads from the
            // last committed offset, which at-least-once allows.
            LogCommitFailed(Name, ex.Error.Code.ToString(), ex.Error.Reason);
        }
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (var taskId in partitions.Select(TaskOf).Distinct())
        {
            if (!_tasks.ContainsKey(taskId))
            {
                var task = new StreamTask(taskId, _topology, _config, _collector!, TimeProvider.System, _metrics);
                _restorer!.Restore(task);
                task.Initialize();
                _tasks[taskId] = task;
            }
        }

        LogAssigned(Name, _tasks.Keys);
        AssignmentChanged?.Invoke(this, true);
    }

    private TaskId TaskOf(TopicPartition partition) => new(_topology.SubtopologyOf(partition.Topic).Id, partition.Partition.Value);

    private void OnRevoked(List<TopicPartitionOffset> revoked, bool commit)
    {
        var partitions = revoked.Select(tpo => tpo.TopicPartition).ToList();
        if (commit)
        {
            Commit(_consumer!, partitions);
        }

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

        LogRevoked(Name, revoked.Count, commit);
        AssignmentChanged?.Invoke(this, false);
    }

    private void CloseTasks()
    {
        foreach (var task in _tasks.Values)
        {
            task.Close();
        }

        _tasks.Clear();
    }

    private void LogClient(SyslogLevel level, string client, string message)
    {
        var logLevel = level switch
        {
            <= SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogClientMessage(logLevel, client, message);
    }

    [LoggerMessage(Message = "librdkafka {Client}: {Message}")]
    private partial void LogClientMessage(LogLevel level, string client, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thread} now runs tasks {Tasks}")]
    private partial void LogAssigned(string thread, IEnumerable<TaskId> tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thread} gave up {Partitions} partitions (committed: {Committed})")]
    private partial void LogRevoked(string thread, int partitions, bool committed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Thread} could not fetch: {Code}: {Reason}")]
    private partial void LogConsumeError(string thread, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Thread} could not commit offsets: {Code}: {Reason}")]
    private partial void LogCommitFailed(string thread, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thread} stopped cleanly: output flushed, offsets committed")]
    private partial void LogStopped(string thread);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Thread} failed and stopped")]
    private partial void LogThreadFailed(Exception exception, string thread);
}
