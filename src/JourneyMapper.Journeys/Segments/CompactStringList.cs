using System.Collections;
using System.Text;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Segments;

/// <summary>
/// A segment's list of strings as the session holds it: most items in a compact form that a subclass writes out itself,
/// the rest as their strings. It reads as an ordinary list, and the Avro codec copies each item's UTF-8
/// (<see cref="IUtf8StringList"/>): a segment goes out for every closed session and every provisional update, and
/// making each item a string only to encode it was a large part of writing one. A copy: the session it came from is
/// decoded into again once put back.
/// </summary>
internal abstract class CompactStringList(string?[]? texts) : IUtf8StringList
{
    public abstract int Count { get; }

    public string this[int index] => texts?[index] ?? CompactText(index);

    public bool TryCopyUtf8(int index, Span<byte> destination, out int written) =>
        texts?[index] is { } text ? Encoding.UTF8.TryGetBytes(text, destination, out written) : TryCopyCompactUtf8(index, destination, out written);

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The text of the item at <paramref name="index"/>, which is held compact.</summary>
    protected abstract string CompactText(int index);

    /// <summary>As <see cref="TryCopyUtf8"/>, for the item at <paramref name="index"/>, which is held compact.</summary>
    protected abstract bool TryCopyCompactUtf8(int index, Span<byte> destination, out int written);
}
