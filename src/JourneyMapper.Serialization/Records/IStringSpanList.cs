namespace JourneyMapper.Serialization.Records;

/// <summary>
/// A list of strings that can copy an item's characters out without making the string. A record's list-of-strings field
/// may hold one, and the Avro codec then encodes each item from those characters: a journey segment's event ids are
/// mostly UUIDs held as 16 bytes, and making a string of each only to encode it was a sixth of what the journey
/// topology allocated. Every other reader sees an ordinary <see cref="IReadOnlyList{T}"/>.
/// </summary>
public interface IStringSpanList : IReadOnlyList<string>
{
    /// <summary>The length in characters of the item at <paramref name="index"/>.</summary>
    int LengthAt(int index);

    /// <summary>
    /// Copies the characters of the item at <paramref name="index"/>, the same as <c>this[index]</c> holds, to the start
    /// of <paramref name="destination"/>, which has room for at least <see cref="LengthAt"/> of them.
    /// </summary>
    void CopyTo(int index, Span<char> destination);
}
