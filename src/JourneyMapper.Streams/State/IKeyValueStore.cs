namespace JourneyMapper.Streams.State;

/// <summary>A key-value store; a null value means "absent", as a tombstone does on a compacted topic.</summary>
public interface IKeyValueStore<TKey, TValue> : IStateStore
{
    TValue? Get(TKey key);

    void Put(TKey key, TValue? value);

    /// <summary>Stores the value only when the key is absent; returns the value that was there, or default.</summary>
    TValue? PutIfAbsent(TKey key, TValue value);

    /// <summary>Removes the key; returns the value it had, or default.</summary>
    TValue? Delete(TKey key);

    IEnumerable<KeyValuePair<TKey, TValue>> All();

    long ApproximateNumEntries { get; }
}
