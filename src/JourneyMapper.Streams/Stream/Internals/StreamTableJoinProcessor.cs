using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>
/// Joins each stream record with the table's current value for its key (a lookup in the table's store of the
/// same task, so stream and table must be co-partitioned). An inner join drops records the table lacks a
/// value for; a left join passes them with none. Records without a key are left out, as in Kafka Streams.
/// </summary>
internal sealed class StreamTableJoinProcessor<TKey, TValue, TTableValue, TResult>(
    string storeName, bool inner, Func<TValue, TTableValue?, TResult> joiner) : IProcessor<TKey, TValue, TKey, TResult>
{
    private IProcessorContext<TKey, TResult>? _context;
    private IKeyValueStore<TKey, TTableValue>? _table;

    public void Init(IProcessorContext<TKey, TResult> context)
    {
        _context = context;
        _table = context.GetStateStore<IKeyValueStore<TKey, TTableValue>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            return;
        }

        var tableValue = _table!.Get(record.Key);
        if (inner && tableValue is null)
        {
            return;
        }

        _context!.Forward(record.WithValue(joiner(record.Value, tableValue)));
    }
}
