using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Processors.Internals;

internal sealed class ProcessorContext<TKeyOut, TValueOut>(
    TaskContext task, string processorName, IReadOnlyList<string> storeNames, IProcessorNode<TKeyOut, TValueOut>[] children)
    : IProcessorContext<TKeyOut, TValueOut>
{
    public string ApplicationId => task.ApplicationId;

    public TaskId TaskId => task.TaskId;

    public RecordMetadata? RecordMetadata => task.CurrentRecordMetadata;

    public long CurrentStreamTimeMs => task.StreamTime;

    public long CurrentSystemTimeMs => task.SystemTime;

    public long RecordArrivalTimestamp => task.RecordArrivalTimestamp;

    public ProcessorMetrics Metrics { get; } = new(task.Metrics, processorName, task.TaskId, task.OwnMetric);

    public void Forward(Record<TKeyOut, TValueOut> record)
    {
        foreach (var child in children)
        {
            child.Process(record);
        }
    }

    public void SendToDeadLetterQueue(string errorCode, string message) => task.SendToDeadLetterQueue(errorCode, message, exception: null);

    public TStore GetStateStore<TStore>(string name)
        where TStore : IStateStore
    {
        if (!storeNames.Contains(name))
        {
            throw new InvalidOperationException(
                $"processor '{processorName}' has no access to store '{name}': name the store when adding the processor");
        }

        return task.Stores.TryGetValue(name, out var store) && store is TStore typed
            ? typed
            : throw new InvalidOperationException($"store '{name}' is not a {typeof(TStore).Name}");
    }

    public ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator)
    {
        var millis = (long)interval.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(millis, 1, nameof(interval));
        return type == PunctuationType.StreamTime
            ? task.StreamTimePunctuators.Add(PunctuationQueue.AtFirstTime, millis, punctuator)
            : task.WallClockPunctuators.Add(task.SystemTime + millis, millis, punctuator);
    }
}
