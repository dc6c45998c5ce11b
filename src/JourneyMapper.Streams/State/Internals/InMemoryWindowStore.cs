using System.Diagnostics.CodeAnalysis;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

// Store keys are never null: windowed and grouped steps dead-letter null-key records before they reach a
// store, so the dictionary's non-null key constraint holds at run time.
#pragma warning disable CS8714

/// <summary>Checks a window store's sizes when the topology is described, not when the first task is created.</summary>
internal static class WindowStoreSupplier
{
    public static Func<IWindowStore<TKey, TValue>> InMemory<TKey, TValue>(string name, TimeSpan retention, TimeSpan windowSize)
    {
        if (windowSize < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, $"window store '{name}': a window lasts at least a millisecond");
        }

        // As Kafka Streams: a shorter retention would drop windows that are still open.
        if (retention < windowSize)
        {
            throw new ArgumentException($"window store '{name}': the retention ({retention}) is shorter than the window size ({windowSize})", nameof(retention));
        }

        var retentionMs = retention.Ticks / TimeSpan.TicksPerMillisecond;
        var windowSizeMs = windowSize.Ticks / TimeSpan.TicksPerMillisecond;
        return () => new InMemoryWindowStore<TKey, TValue>(name, retentionMs, windowSizeMs);
    }
}

/// <summary>
/// Windows grouped by start, as Kafka Streams' in-memory window store segments them: a sorted set of the
/// live starts and, per start, a dictionary of the keys that have that window. Chosen over a sorted structure
/// per key because live starts are few (retention / advance) while keys are many: an entry costs one slot of
/// its start's dictionary and no per-key collection, retention drops a whole start at once from the front of
/// the set, and a range fetch visits only the handful of starts in range.
/// </summary>
internal sealed class InMemoryWindowStore<TKey, TValue>(string name, long retention, long windowSize) : IWindowStore<TKey, TValue>
{
    private readonly SortedSet<long> _starts = [];
    private readonly Dictionary<long, Dictionary<TKey, TValue>> _windows = [];

    public string Name { get; } = name;

    public bool Persistent => false;

    public long Retention { get; } = retention;

    public long WindowSize { get; } = windowSize;

    public long ObservedStreamTime { get; private set; } = long.MinValue;

    // Kafka's boundary: a window whose start is a full retention period behind stream time is already gone.
    private long EarliestLiveStart => (long)Int128.Max(long.MinValue, (Int128)ObservedStreamTime - Retention + 1);

    public void Put(TKey key, TValue? value, long windowStart)
    {
        if (IsAbsent(value))
        {
            Remove(key, windowStart);
            return;
        }

        if (!Advance(windowStart))
        {
            return;
        }

        if (!_windows.TryGetValue(windowStart, out var entries))
        {
            entries = [];
            _windows[windowStart] = entries;
            _starts.Add(windowStart);
        }

        entries[key] = value;
    }

    public void Remove(TKey key, long windowStart)
    {
        if (Advance(windowStart) && _windows.TryGetValue(windowStart, out var entries) && entries.Remove(key) && entries.Count == 0)
        {
            _windows.Remove(windowStart);
            _starts.Remove(windowStart);
        }
    }

    public TValue? Fetch(TKey key, long windowStart) =>
        windowStart >= EarliestLiveStart && _windows.TryGetValue(windowStart, out var entries) && entries.TryGetValue(key, out var value)
            ? value
            : default;

    public IReadOnlyList<KeyValuePair<long, TValue>> Fetch(TKey key, long timeFrom, long timeTo)
    {
        var from = Math.Max(timeFrom, EarliestLiveStart);
        if (from > timeTo || _starts.Count == 0)
        {
            return [];
        }

        List<KeyValuePair<long, TValue>>? found = null;
        foreach (var start in _starts.GetViewBetween(from, timeTo))
        {
            if (_windows[start].TryGetValue(key, out var value))
            {
                found ??= new List<KeyValuePair<long, TValue>>(1);
                found.Add(new(start, value));
            }
        }

        return found is null ? [] : found;
    }

    public IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> All()
    {
        var all = new List<KeyValuePair<Windowed<TKey>, TValue>>(_windows.Values.Sum(entries => entries.Count));
        foreach (var start in _starts)
        {
            // This codebase's windows include their end; saturate rather than wrap for windows at the end of time.
            var window = new Window(start, start > long.MaxValue - WindowSize + 1 ? long.MaxValue : start + WindowSize - 1);
            foreach (var (key, value) in _windows[start])
            {
                all.Add(new(new Windowed<TKey>(key, window), value));
            }
        }

        return all;
    }

    public void Flush()
    {
    }

    public void Close()
    {
        _starts.Clear();
        _windows.Clear();
    }

    private static bool IsAbsent([NotNullWhen(false)] TValue? value) => value is null || value is IAbsentWhenNull { IsAbsent: true };

    // Moves stream time to the window, dropping what falls out of retention; false when the window itself has.
    // Deletes move it too, as in Kafka, so a restore replaying tombstones ends at the same stream time.
    private bool Advance(long windowStart)
    {
        if (windowStart > ObservedStreamTime)
        {
            ObservedStreamTime = windowStart;
            var earliest = EarliestLiveStart;
            while (_starts.Count > 0 && _starts.Min < earliest)
            {
                var expired = _starts.Min;
                _starts.Remove(expired);
                _windows.Remove(expired);
            }
        }

        return windowStart >= EarliestLiveStart;
    }
}
