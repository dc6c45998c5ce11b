using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.Streams.Processors.Internals;

/// <summary>The per-task state that every processor context of the task shares.</summary>
internal sealed class TaskContext(string applicationId, TaskId taskId, IRecordCollector collector, string? deadLetterQueueTopic)
{
    private readonly Dictionary<TopologyNode, object> _instances = [];

    public string ApplicationId { get; } = applicationId;

    public TaskId TaskId { get; } = taskId;

    public IRecordCollector Collector { get; } = collector;

    public ConsumeResult<byte[], byte[]>? CurrentRecord { get; set; }

    public RecordMetadata? CurrentRecordMetadata =>
        CurrentRecord is { } raw ? new RecordMetadata(raw.Topic, raw.Partition.Value, raw.Offset.Value) : null;

    public IEnumerable<object> Instances => _instances.Values;

    public object GetOrAddInstance(TopologyNode node, Func<object> create)
    {
        if (!_instances.TryGetValue(node, out var instance))
        {
            instance = create();
            _instances[node] = instance;
        }

        return instance;
    }

    public bool HasDeadLetterQueue => deadLetterQueueTopic is not null;

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
    }
}
