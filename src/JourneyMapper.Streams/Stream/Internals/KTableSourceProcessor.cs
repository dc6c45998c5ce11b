using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>Materializes a table topic: each record replaces its key's value, a tombstone deletes it.</summary>
internal sealed class KTableSourceProcessor<TKey, TValue>(string storeName) : IProcessor<TKey, TValue, TKey, TValue>
{
    private IProcessorContext<TKey, TValue>? _context;
    private IKeyValueStore<TKey, TValue>? _store;

    public void Init(IProcessorContext<TKey, TValue> context)
    {
        _context = context;
        _store = context.GetStateStore<IKeyValueStore<TKey, TValue>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            return;
        }

        _store!.Put(record.Key, record.Value);
        _context!.Forward(record);
    }
}
