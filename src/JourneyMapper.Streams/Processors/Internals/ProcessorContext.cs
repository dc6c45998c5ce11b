namespace JourneyMapper.Streams.Processors.Internals;

internal sealed class ProcessorContext<TKeyOut, TValueOut>(TaskContext task, IProcessorNode<TKeyOut, TValueOut>[] children)
    : IProcessorContext<TKeyOut, TValueOut>
{
    public string ApplicationId => task.ApplicationId;

    public TaskId TaskId => task.TaskId;

    public RecordMetadata? RecordMetadata => task.CurrentRecordMetadata;

    public void Forward(Record<TKeyOut, TValueOut> record)
    {
        foreach (var child in children)
        {
            child.Process(record);
        }
    }

    public void SendToDeadLetterQueue(string errorCode, string message) => task.SendToDeadLetterQueue(errorCode, message, exception: null);
}
