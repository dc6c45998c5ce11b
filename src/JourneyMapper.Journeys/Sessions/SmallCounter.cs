using System.Runtime.CompilerServices;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// Counts per key for the handful of keys one session sees (products, pages, unusual event types): a linear scan of
/// a small array beats a dictionary in both time and the memory an open session holds. A struct, kept in its session
/// (and reached through a ref), so that it costs the session its array and nothing more.
/// </summary>
internal struct SmallCounter<TKey>
    where TKey : notnull
{
    private KeyValuePair<TKey, int>[]? _items;

    public int Count { get; private set; }

    public readonly ReadOnlySpan<KeyValuePair<TKey, int>> Items => _items.AsSpan(0, Count);

    /// <summary>The highest count, kept as counts are added (they only grow): rules read it on every event.</summary>
    public int Max { get; private set; }

    public void Add(TKey key, int by)
    {
        var items = _items.AsSpan(0, Count);
        for (var i = 0; i < items.Length; i++)
        {
            if (EqualityComparer<TKey>.Default.Equals(items[i].Key, key))
            {
                items[i] = new(key, items[i].Value + by);
                Max = Math.Max(Max, items[i].Value);
                return;
            }
        }

        // Half again as large each time, not double: the slack is memory every open session holds.
        if (Count == (_items?.Length ?? 0))
        {
            Array.Resize(ref _items, Math.Max(2, Count + (Count / 2)));
        }

        _items![Count++] = new(key, by);
        Max = Math.Max(Max, by);
    }

    /// <summary>Room for <paramref name="capacity"/> keys in all, made now: for a counter about to be filled to a known size.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > (_items?.Length ?? 0))
        {
            Array.Resize(ref _items, capacity);
        }
    }

    /// <summary>Empties the counter and keeps its array, for a session decoded into again.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
        {
            _items.AsSpan(0, Count).Clear();
        }

        (Count, Max) = (0, 0);
    }

    public void AddAll(in SmallCounter<TKey> other)
    {
        foreach (var item in other.Items)
        {
            Add(item.Key, item.Value);
        }
    }
}
