using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Processors.Internals;

/// <summary>
/// What every processor of one task shares: the task's identity, its stores, its stream time and
/// punctuators, the record being processed and where output goes.
/// </summary>
internal sealed class TaskContext(
    string applicationId, TaskId taskId, IRecordCollector collector, string? deadLetterQueueTopic, TimeProvider clock, StreamsMetrics metrics)
{
    /// <summary>Stream time before the task has seen any record.</summary>
    public const long UnknownTime = -1;

    private readonly Dictionary<TopologyNode, object> _instances = [];
    private readonly Dictionary<string, IStateStore> _stores = [];
    private readonly List<IDisposable> _metricRegistrations = [];
    private readonly Dictionary<string, MetricCounter> _deadLettered = [];

    public string ApplicationId { get; } = applicationId;

    public TaskId TaskId { get; } = taskId;

    public IRecordCollector Collector { get; } = collector;

    public StreamsMetrics Metrics { get; } = metrics;

    public ConsumeResult<byte[], byte[]>? CurrentRecord { get; set; }

    /// <summary>When processing of the current record began (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>); 0 outside of it.</summary>
    public long RecordArrivalTimestamp { get; set; }

    /// <summary>The largest record timestamp the task has processed: what windows close on.</summary>
    public long StreamTime { get; private set; } = UnknownTime;

    public long SystemTime => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public PunctuationQueue StreamTimePunctuators { get; } = new();

    public PunctuationQueue WallClockPunctuators { get; } = new();

    public RecordMetadata? CurrentRecordMetadata =>
        CurrentRecord is { } raw ? new RecordMetadata(raw.Topic, raw.Partition.Value, raw.Offset.Value) : null;

    public IEnumerable<object> Instances => _instances.Values;

    public IReadOnlyDictionary<string, IStateStore> Stores => _stores;

    public bool HasDeadLetterQueue => deadLetterQueueTopic is not null;

    /// <summary>A negative timestamp means the record's time is unknown: it flows on but does not move stream time.</summary>
    public void ObserveTimestamp(long timestamp) => StreamTime = Math.Max(StreamTime, timestamp);

    public void AddStore(IStateStore store) => _stores.Add(store.Name, store);

    /// <summary>A metric of this task (a gauge), removed when the task closes.</summary>
    public void OwnMetric(IDisposable registration) => _metricRegistrations.Add(registration);

    public void RemoveMetrics()
    {
        foreach (var registration in _metricRegistrations)
        {
            registration.Dispose();
        }

        _metricRegistrations.Clear();
    }

    public object GetOrAddInstance(TopologyNode node, Func<object> create)
    {
        if (!_instances.TryGetValue(node, out var instance))
        {
            instance = create();
            _instances[node] = instance;
        }

        return instance;
    }

    /// <summary>Writes the current source record's original bytes to the dead-letter topic.</summary>
    public void SendToDeadLetterQueue(string errorCode, string message, Exception? exception)
    {
        var raw = CurrentRecord ?? throw new InvalidOperationException("there is no source record to dead-letter outside of processing");
        if (deadLetterQueueTopic is null)
        {
            // Failing here hands the record to the processing exception handler rather than dropping it unseen.
            throw new InvalidOperationException(
                $"record rejected ({errorCode}: {message}) but no dead-letter topic is configured (StreamsConfig.DeadLetterQueueTopic)");
        }

        var headers = DeadLetterHeaders.Create(raw.Message.Headers, errorCode, message, exception, raw.Topic, raw.Partition.Value, raw.Offset.Value);
        Collector.Send(deadLetterQueueTopic, raw.Message.Key, raw.Message.Value, headers, raw.Message.Timestamp.UnixTimestampMs);
        if (!_deadLettered.TryGetValue(errorCode, out var counter))
        {
            counter = Metrics.Counter(StreamsMetrics.DeadLetterRecords, new MetricTag(StreamsMetrics.ErrorCodeTag, errorCode));
            _deadLettered[errorCode] = counter;
        }

        counter.Increment();
    }
}
