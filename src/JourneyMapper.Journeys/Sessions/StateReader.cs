using System.Buffers.Binary;
using System.Text;
using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// Reads what <see cref="StateWriter"/> (and <see cref="BinaryWriter"/> over UTF-8) writes, straight from the record's
/// bytes: a restore reads a million sessions, and a copy of each value, a stream, a reader and its char buffers per
/// record were as much garbage again as the sessions themselves. Malformed input fails as <see cref="BinaryReader"/>
/// fails: <see cref="EndOfStreamException"/> when it ends early, <see cref="FormatException"/> for a bad 7-bit number.
/// </summary>
internal ref struct StateReader(ReadOnlySpan<byte> data, bool checkOnly = false)
{
    private const int MaxBytesOf7BitInt = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private readonly bool _checkOnly = checkOnly;
    private int _position;

    /// <summary>Whether the bytes are only checked: strings come back empty, and what is read is not kept.</summary>
    public readonly bool CheckOnly => _checkOnly;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    // The most frequent read of all (every count and type is a byte or a 7-bit number of one): indexed, not sliced.
    public byte ReadByte()
    {
        var position = _position;
        if ((uint)position >= (uint)_data.Length)
        {
            throw Ended(1);
        }

        _position = position + 1;
        return _data[position];
    }

    public bool ReadBoolean() => ReadByte() != 0;

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public int Read7BitEncodedInt()
    {
        var result = 0u;
        for (var shift = 0; shift < MaxBytesOf7BitInt * 7; shift += 7)
        {
            var next = ReadByte();
            result |= (uint)(next & 0x7F) << shift;
            if (next <= 0x7F)
            {
                return shift == 28 && next > 0x0F ? throw BadNumber() : (int)result;
            }
        }

        throw BadNumber();
    }

    /// <summary>
    /// The string, or when only checking, an empty one: decoding never rejects a string's bytes (bad UTF-8 becomes
    /// U+FFFD), so a check needs only its length, and a restore checks a million records without making their strings.
    /// When the bytes spell <paramref name="expected"/>, a value the caller already has in hand, it is that string itself.
    /// </summary>
    public string ReadString(string? expected = null)
    {
        var bytes = TakeString();
        return _checkOnly ? string.Empty
            : expected is not null && Ascii.Equals(bytes, expected) ? expected
            : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A string from <see cref="StringPool.Shared"/>: for the few values read over and over, such as labels.</summary>
    public string ReadPooledString()
    {
        var bytes = TakeString();
        return _checkOnly ? string.Empty : Ascii.IsValid(bytes) ? StringPool.Shared.GetOrAdd(bytes) : Encoding.UTF8.GetString(bytes);
    }

    // A string's UTF-8 bytes, after their length.
    private ReadOnlySpan<byte> TakeString()
    {
        var length = Read7BitEncodedInt();
        return length < 0 ? throw new IOException($"a string of negative length {length}") : Take(length);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Ended(count);
        }

        var taken = _data.Slice(_position, count);
        _position += count;
        return taken;
    }

    private readonly EndOfStreamException Ended(int count) =>
        new($"journey session state ends at byte {_data.Length}; {count} more were expected at {_position}");

    private static FormatException BadNumber() => new("a 7-bit encoded number is longer than 5 bytes or overflows 32 bits");
}
