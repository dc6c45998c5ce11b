using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>
/// Keeps a filtered table's store: filled from the parent table's store when the task starts (after the parent is
/// restored), then a row that satisfies the predicate is put, and any other update or a deletion removes the key. A
/// removal goes downstream as a deletion only when the key was in the table, so a row that never passed sends nothing.
/// </summary>
internal sealed class KTableFilterProcessor<TKey, TValue>(Func<TKey, TValue, bool> predicate, string storeName, string parentStoreName)
    : IProcessor<TKey, TValue, TKey, TValue>
{
    private IProcessorContext<TKey, TValue>? _context;
    private IKeyValueStore<TKey, TValue>? _store;

    public void Init(IProcessorContext<TKey, TValue> context)
    {
        _context = context;
        _store = context.GetStateStore<IKeyValueStore<TKey, TValue>>(storeName);
        foreach (var (key, value) in context.GetStateStore<IKeyValueStore<TKey, TValue>>(parentStoreName).All())
        {
            if (value is not null && predicate(key, value))
            {
                _store.Put(key, value);
            }
        }
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            return;
        }

        if (record.Value is not null && predicate(record.Key, record.Value))
        {
            _store!.Put(record.Key, record.Value);
            _context!.Forward(record);
        }
        else if (_store!.Delete(record.Key) is not null)
        {
            _context!.Forward(record with { Value = default! });
        }
    }
}
