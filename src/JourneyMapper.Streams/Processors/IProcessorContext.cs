namespace JourneyMapper.Streams.Processors;

/// <summary>What a processor sees of its task: where the current record came from, and where to send results.</summary>
public interface IProcessorContext<TKeyOut, TValueOut>
{
    string ApplicationId { get; }

    TaskId TaskId { get; }

    /// <summary>Source of the record being processed; null while a punctuator runs.</summary>
    RecordMetadata? RecordMetadata { get; }

    /// <summary>Sends a record to every child of this processor.</summary>
    void Forward(Record<TKeyOut, TValueOut> record);

    /// <summary>
    /// Sends the source record being processed, as its original bytes, to the dead-letter queue with the
    /// reason, instead of letting it flow on. Bad input never vanishes and never stops the task.
    /// </summary>
    void SendToDeadLetterQueue(string errorCode, string message);
}
