using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;
using JourneyMapper.Serialization.Json;

namespace JourneyMapper.Serialization.Records;

/// <summary>
/// The free-form properties of a <see cref="ClickEvent"/>: an immutable map of string to string, kept as a value
/// inside the event. Events carry a handful of properties (currency, price), so up to <see cref="InlineCapacity"/>
/// entries live in the struct itself and a decoded event with properties is one object, not an event plus a map;
/// larger maps keep their entries in a private dictionary. Keys compare ordinally, insertion order is kept (a
/// re-encoded map writes its entries in the order they were read), and equality is by content, whatever the order.
/// <c>default</c> is the empty map; an event without properties has <c>null</c> (<see cref="ClickEvent.Properties"/>).
/// </summary>
[JsonConverter(typeof(EventPropertiesJsonConverter))]
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named for what it holds, as ClickEvent.Properties is.")]
public readonly struct EventProperties : IReadOnlyDictionary<string, string>, IEquatable<EventProperties>
{
    /// <summary>The most entries held without a dictionary of their own.</summary>
    public const int InlineCapacity = 4;

    // Inline entries fill the first slots, so the first null key ends them; a map larger than InlineCapacity keeps
    // every entry in _large instead and leaves the inline slots empty. _large is only ever added to, so it enumerates
    // in insertion order.
    private readonly InlineEntries _inline;
    private readonly Dictionary<string, string>? _large;

    private EventProperties(in InlineEntries inline, Dictionary<string, string>? large)
    {
        _inline = inline;
        _large = large;
    }

    /// <summary>The empty map (the same as <c>default</c>).</summary>
    public static EventProperties Empty => default;

    public int Count => _large?.Count ?? InlineCount;

    public IEnumerable<string> Keys => KeysOf(this);

    public IEnumerable<string> Values => ValuesOf(this);

    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key '{key}' is not in the properties.");

    /// <summary>
    /// Copies the entries of a dictionary (its comparer is not kept: lookups here are ordinal); no dictionary means no
    /// properties. To nullable only, so that <c>null</c> can never be taken for a dictionary and converted. C# allows
    /// no conversion from an interface: <see cref="From"/> takes any other map.
    /// </summary>
    /// <exception cref="ArgumentNullException">One of the values is null.</exception>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "FromDictionary is the named alternate.")]
    public static implicit operator EventProperties?(Dictionary<string, string>? dictionary) =>
        dictionary is null ? null : FromDictionary(dictionary);

    public static bool operator ==(EventProperties left, EventProperties right) => left.Equals(right);

    public static bool operator !=(EventProperties left, EventProperties right) => !left.Equals(right);

    /// <summary>Copies the entries of a dictionary (its comparer is not kept: lookups here are ordinal).</summary>
    /// <exception cref="ArgumentNullException">The dictionary or one of its values is null.</exception>
    public static EventProperties FromDictionary(Dictionary<string, string> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);

        // Enumerated as a Dictionary, not through the interface, so that the common small map copies without allocating.
        var builder = new Builder();
        foreach (var (key, value) in dictionary)
        {
            builder.Set(key, value);
        }

        return builder.ToProperties();
    }

    /// <summary>The entries in order; a repeated key keeps its last value.</summary>
    /// <exception cref="ArgumentNullException">The entries, a key or a value is null.</exception>
    public static EventProperties From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries is EventProperties properties)
        {
            return properties;
        }

        var builder = new Builder();
        foreach (var (key, value) in entries)
        {
            builder.Set(key, value);
        }

        return builder.ToProperties();
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (_large is not null)
        {
            return _large.TryGetValue(key, out value);
        }

        for (var i = 0; i < InlineCapacity && _inline[i].Key is { } candidate; i++)
        {
            if (string.Equals(candidate, key, StringComparison.Ordinal))
            {
                value = _inline[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The entries of a small map, in order; empty for a large one (see <see cref="LargeEntries"/>).</summary>
    [UnscopedRef]
    internal ReadOnlySpan<KeyValuePair<string, string>> InlineSlice => ((ReadOnlySpan<KeyValuePair<string, string>>)_inline)[..InlineCount];

    /// <summary>The entries of a map larger than <see cref="InlineCapacity"/>, or null.</summary>
    internal Dictionary<string, string>? LargeEntries => _large;

    private int InlineCount
    {
        get
        {
            var count = 0;
            while (count < InlineCapacity && _inline[count].Key is not null)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>Enumerates the entries in insertion order without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when both hold the same keys with the same values (ordinal), in any order.</summary>
    public bool Equals(EventProperties other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        // Keys are unique in each map, so as many entries, all found in the other, means the same entries.
        foreach (var (key, value) in this)
        {
            if (!other.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EventProperties other && Equals(other);

    /// <summary>Independent of the order of the entries, as <see cref="Equals(EventProperties)"/> is.</summary>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in this)
        {
            hash += HashCode.Combine(key, value);
        }

        return hash;
    }

    /// <summary><c>{ currency = EUR, price = 49.90 }</c>, as records print their members.</summary>
    public override string ToString()
    {
        if (Count == 0)
        {
            return "{ }";
        }

        var text = new StringBuilder("{ ");
        var first = true;
        foreach (var (key, value) in this)
        {
            text.Append(first ? string.Empty : ", ").Append(key).Append(" = ").Append(value);
            first = false;
        }

        return text.Append(" }").ToString();
    }

    private static IEnumerable<string> KeysOf(EventProperties properties)
    {
        foreach (var entry in properties)
        {
            yield return entry.Key;
        }
    }

    private static IEnumerable<string> ValuesOf(EventProperties properties)
    {
        foreach (var entry in properties)
        {
            yield return entry.Value;
        }
    }

    /// <summary>
    /// Collects entries for one <see cref="EventProperties"/> without allocating while they fit inline: what the
    /// serdes and filters build maps with. A repeated key keeps its first position and its last value, as Avro and
    /// JSON readers treat a repeated key. <see cref="ToProperties"/> hands the entries over and leaves the builder
    /// empty; a ref struct, so it stays on the stack of the code that fills it.
    /// </summary>
    public ref struct Builder
    {
        private InlineEntries _inline;
        private int _inlineCount;
        private Dictionary<string, string>? _large;

        public readonly int Count => _large?.Count ?? _inlineCount;

        /// <summary>Adds the entry, or replaces the value of a key already there.</summary>
        /// <exception cref="ArgumentNullException">The key or the value is null.</exception>
        public void Set(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            if (_large is not null)
            {
                _large[key] = value;
                return;
            }

            for (var i = 0; i < _inlineCount; i++)
            {
                if (string.Equals(_inline[i].Key, key, StringComparison.Ordinal))
                {
                    _inline[i] = new(key, value);
                    return;
                }
            }

            if (_inlineCount < InlineCapacity)
            {
                _inline[_inlineCount++] = new(key, value);
                return;
            }

            _large = new Dictionary<string, string>(InlineCapacity * 2, StringComparer.Ordinal);
            foreach (var entry in _inline)
            {
                _large.Add(entry.Key, entry.Value);
            }

            _large.Add(key, value);
            _inline = default;
            _inlineCount = 0;
        }

        /// <summary>The map of the entries set so far; the builder is empty afterwards.</summary>
        public EventProperties ToProperties()
        {
            var properties = new EventProperties(_inline, _large);
            this = default;
            return properties;
        }
    }

    /// <summary>Walks the inline slots, or the large map's own struct enumerator.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly InlineEntries _inline;
        private readonly int _inlineCount;
        private readonly bool _isLarge;
        private Dictionary<string, string>.Enumerator _large;
        private int _index;

        internal Enumerator(in EventProperties properties)
        {
            _index = -1;
            if (properties._large is { } large)
            {
                _isLarge = true;
                _large = large.GetEnumerator();
            }
            else
            {
                _inline = properties._inline;
                _inlineCount = properties.InlineCount;
            }
        }

        public readonly KeyValuePair<string, string> Current => _isLarge ? _large.Current : _inline[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => _isLarge ? _large.MoveNext() : ++_index < _inlineCount;

        void IEnumerator.Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }

    [InlineArray(InlineCapacity)]
    private struct InlineEntries
    {
        private KeyValuePair<string, string> _first;
    }
}
