namespace JourneyMapper.Serialization.Records;

/// <summary>
/// A list of strings that can write an item as UTF-8 without making the string. A record's list-of-strings field may
/// hold one, and the Avro codec then copies each item's UTF-8 into the record: a journey segment's event ids are mostly
/// UUIDs held as 16 bytes and its path a byte per canonical event type, and making each a string, or its characters,
/// only to transcode them to UTF-8 took more of a segment's time than classifying the session. Every other reader sees
/// an ordinary <see cref="IReadOnlyList{T}"/>.
/// </summary>
public interface IUtf8StringList : IReadOnlyList<string>
{
    /// <summary>
    /// Writes the UTF-8 of the item at <paramref name="index"/>, the bytes <c>Encoding.UTF8</c> gives for
    /// <c>this[index]</c>, to the start of <paramref name="destination"/>; false when they do not fit.
    /// </summary>
    bool TryCopyUtf8(int index, Span<byte> destination, out int written);
}
