using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Processors;

/// <summary>What a processor sees of its task: where the current record came from, its stores, time, and where to send results.</summary>
public interface IProcessorContext<TKeyOut, TValueOut>
{
    string ApplicationId { get; }

    TaskId TaskId { get; }

    /// <summary>Source of the record being processed; null while a punctuator runs.</summary>
    RecordMetadata? RecordMetadata { get; }

    /// <summary>The largest record timestamp this task has processed, or -1 before the first record.</summary>
    long CurrentStreamTimeMs { get; }

    /// <summary>The wall clock (the test driver's mock clock under test).</summary>
    long CurrentSystemTimeMs { get; }

    /// <summary>
    /// When the task began processing the current record, as a <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
    /// value (monotonic, for latencies: <c>Stopwatch.GetElapsedTime(context.RecordArrivalTimestamp)</c>); 0 while a
    /// punctuator runs.
    /// </summary>
    long RecordArrivalTimestamp { get; }

    /// <summary>Counters, histograms and gauges exported with the runtime's own (<see cref="StreamsMetrics"/>).</summary>
    ProcessorMetrics Metrics { get; }

    /// <summary>Sends a record to every child of this processor.</summary>
    void Forward(Record<TKeyOut, TValueOut> record);

    /// <summary>
    /// Sends the source record being processed, as its original bytes, to the dead-letter queue with the
    /// reason, instead of letting it flow on. Bad input never vanishes and never stops the task.
    /// </summary>
    void SendToDeadLetterQueue(string errorCode, string message);

    /// <summary>A store this processor was connected to when it was added to the topology.</summary>
    TStore GetStateStore<TStore>(string name)
        where TStore : IStateStore;

    /// <summary>
    /// Calls <paramref name="punctuator"/> with the current time every <paramref name="interval"/> of stream
    /// time (from the first record on) or of wall-clock time.
    /// </summary>
    ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator);
}
