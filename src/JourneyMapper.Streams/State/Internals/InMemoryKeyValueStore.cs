namespace JourneyMapper.Streams.State.Internals;

// Store keys are never null: windowed and grouped steps dead-letter null-key records before they reach a
// store, so the dictionary's non-null key constraint holds at run time.
#pragma warning disable CS8714

internal sealed class InMemoryKeyValueStore<TKey, TValue>(string name) : IKeyValueStore<TKey, TValue>
{
    private readonly Dictionary<TKey, TValue> _entries = [];

    public string Name { get; } = name;

    public bool Persistent => false;

    public long ApproximateNumEntries => _entries.Count;

    public TValue? Get(TKey key) => _entries.TryGetValue(key, out var value) ? value : default;

    public void Put(TKey key, TValue? value)
    {
        if (value is null)
        {
            _entries.Remove(key);
        }
        else
        {
            _entries[key] = value;
        }
    }

    public TValue? PutIfAbsent(TKey key, TValue value)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            return existing;
        }

        _entries[key] = value;
        return default;
    }

    public TValue? Delete(TKey key) => _entries.Remove(key, out var removed) ? removed : default;

    public IEnumerable<KeyValuePair<TKey, TValue>> All() => _entries.ToList();

    public void Flush()
    {
    }

    public void Close() => _entries.Clear();
}
