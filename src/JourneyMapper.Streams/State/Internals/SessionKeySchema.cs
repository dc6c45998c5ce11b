using System.Buffers.Binary;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Changelog key of a session: the serialized key, then the session end and start as 8-byte big-endian
/// numbers, the layout Kafka Streams uses so that tooling reading either changelog agrees.
/// </summary>
internal static class SessionKeySchema
{
    private const int SuffixLength = 16;

    public static byte[] Encode(byte[] key, long start, long end)
    {
        var bytes = new byte[key.Length + SuffixLength];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), end);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length + 8), start);
        return bytes;
    }

    public static (ReadOnlyMemory<byte> Key, long Start, long End) Decode(byte[] bytes)
    {
        if (bytes.Length < SuffixLength)
        {
            throw new FormatException($"a session changelog key has at least {SuffixLength} bytes; this one has {bytes.Length}");
        }

        var keyLength = bytes.Length - SuffixLength;
        return (bytes.AsMemory(0, keyLength),
            BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(keyLength + 8)),
            BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(keyLength)));
    }
}
