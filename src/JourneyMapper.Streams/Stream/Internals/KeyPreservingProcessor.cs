using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>
/// Runs a processor given to <c>ProcessValues</c> and holds it to its promise of keeping the key, which is
/// what lets a later stateful step skip the repartition.
/// </summary>
internal sealed class KeyPreservingProcessor<TKey, TValue, TNewValue>(IProcessor<TKey, TValue, TKey, TNewValue> inner)
    : IProcessor<TKey, TValue, TKey, TNewValue>
{
    private bool _processing;
    private TKey? _key;

    public void Init(IProcessorContext<TKey, TNewValue> context) => inner.Init(new KeyCheckingContext(context, this));

    public void Process(Record<TKey, TValue> record)
    {
        (_processing, _key) = (true, record.Key);
        try
        {
            inner.Process(record);
        }
        finally
        {
            (_processing, _key) = (false, default);
        }
    }

    public void Close() => inner.Close();

    private sealed class KeyCheckingContext(IProcessorContext<TKey, TNewValue> context, KeyPreservingProcessor<TKey, TValue, TNewValue> owner)
        : IProcessorContext<TKey, TNewValue>
    {
        public string ApplicationId => context.ApplicationId;

        public TaskId TaskId => context.TaskId;

        public RecordMetadata? RecordMetadata => context.RecordMetadata;

        public long CurrentStreamTimeMs => context.CurrentStreamTimeMs;

        public long CurrentSystemTimeMs => context.CurrentSystemTimeMs;

        public long RecordArrivalTimestamp => context.RecordArrivalTimestamp;

        public ProcessorMetrics Metrics => context.Metrics;

        public void Forward(Record<TKey, TNewValue> record)
        {
            if (owner._processing && !EqualityComparer<TKey>.Default.Equals(record.Key, owner._key))
            {
                throw new InvalidOperationException("a ProcessValues processor forwarded a record with another key; use Process to change keys");
            }

            context.Forward(record);
        }

        public void SendToDeadLetterQueue(string errorCode, string message) => context.SendToDeadLetterQueue(errorCode, message);

        public TStore GetStateStore<TStore>(string name)
            where TStore : IStateStore => context.GetStateStore<TStore>(name);

        public ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator) =>
            context.Schedule(interval, type, punctuator);
    }
}
