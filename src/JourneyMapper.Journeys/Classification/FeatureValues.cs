using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// The features a classification reports, in the order the matched rules read them. There are a handful per segment and
/// one segment per closed session and provisional update, so they sit in one exact-size array, searched in order: half
/// the bytes of a dictionary, and a writer can index them instead of taking an enumerator.
/// </summary>
internal sealed class FeatureValues : IReadOnlyDictionary<string, double>, IReadOnlyList<KeyValuePair<string, double>>
{
    private readonly KeyValuePair<string, double>[] _entries;

    /// <param name="entries">Distinct names; the instance keeps the array.</param>
    public FeatureValues(KeyValuePair<string, double>[] entries) => _entries = entries;

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    public IEnumerable<double> Values => _entries.Select(entry => entry.Value);

    public KeyValuePair<string, double> this[int index] => _entries[index];

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no feature '{key}' was reported");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        foreach (var (name, reported) in _entries)
        {
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                value = reported;
                return true;
            }
        }

        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, double>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
