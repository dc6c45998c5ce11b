using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>
/// A read-only string map of at most <see cref="MaxCount"/> entries held inline in one object. Event properties
/// carry a handful of entries (currency, price), and a Dictionary costs three allocations (itself, buckets,
/// entries) where this costs one; lookups scan at most four keys, which is as fast as hashing one.
/// Insertion order is kept, so re-encoding writes the entries in the order they were read.
/// </summary>
internal sealed class SmallStringMap : IReadOnlyDictionary<string, string>
{
    public const int MaxCount = 4;

    private Entries _entries;
    private int _count;

    public int Count => _count;

    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Key;
            }
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Value;
            }
        }
    }

    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key '{key}' is not in the map.");

    /// <summary>Adds or replaces (a repeated key keeps its last value, as Avro readers do); false when a fifth key does not fit.</summary>
    public bool TrySet(string key, string value)
    {
        Span<KeyValuePair<string, string>> entries = _entries;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                entries[i] = new(key, value);
                return true;
            }
        }

        if (_count == MaxCount)
        {
            return false;
        }

        entries[_count++] = new(key, value);
        return true;
    }

    public Dictionary<string, string> ToDictionary(int capacity)
    {
        var dictionary = new Dictionary<string, string>(Math.Max(capacity, _count), StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
        {
            dictionary[_entries[i].Key] = _entries[i].Value;
        }

        return dictionary;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ReadOnlySpan<KeyValuePair<string, string>> entries = _entries;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                value = entries[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly SmallStringMap _map;
        private int _index;

        internal Enumerator(SmallStringMap map)
        {
            _map = map;
            _index = -1;
        }

        public readonly KeyValuePair<string, string> Current => _map._entries[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _map._count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }

    [InlineArray(MaxCount)]
    private struct Entries
    {
        private KeyValuePair<string, string> _first;
    }
}
