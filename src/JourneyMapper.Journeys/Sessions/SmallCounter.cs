namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// Counts per key for the handful of keys one session sees (products, pages, unusual event types): a linear scan of
/// a small array beats a dictionary in both time and the memory an open session holds.
/// </summary>
internal sealed class SmallCounter<TKey>
    where TKey : notnull
{
    private KeyValuePair<TKey, int>[] _items = [];

    public int Count { get; private set; }

    public ReadOnlySpan<KeyValuePair<TKey, int>> Items => _items.AsSpan(0, Count);

    public int Max
    {
        get
        {
            var max = 0;
            foreach (var item in Items)
            {
                max = Math.Max(max, item.Value);
            }

            return max;
        }
    }

    public void Add(TKey key, int by)
    {
        var items = _items.AsSpan(0, Count);
        for (var i = 0; i < items.Length; i++)
        {
            if (EqualityComparer<TKey>.Default.Equals(items[i].Key, key))
            {
                items[i] = new(key, items[i].Value + by);
                return;
            }
        }

        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(2, Count * 2));
        }

        _items[Count++] = new(key, by);
    }

    public int Get(TKey key)
    {
        foreach (var item in Items)
        {
            if (EqualityComparer<TKey>.Default.Equals(item.Key, key))
            {
                return item.Value;
            }
        }

        return 0;
    }

    public void AddAll(SmallCounter<TKey> other)
    {
        foreach (var item in other.Items)
        {
            Add(item.Key, item.Value);
        }
    }
}
