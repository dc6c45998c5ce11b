using System.Buffers.Binary;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Changelog key of a window store, in Kafka Streams' layout: the serialized record key, the window start
/// (8 bytes, big-endian) and a sequence number (4 bytes, big-endian). The sequence number only tells apart
/// duplicates in stores that retain them (stream-stream joins); these stores do not, so it is always 0, but
/// keeping it makes the changelog readable by Kafka Streams' own window stores and tools.
/// </summary>
internal static class WindowKeySchema
{
    private const int TimeLength = 8;
    private const int SequenceLength = 4;
    private const int SuffixLength = TimeLength + SequenceLength;

    public static byte[] EncodeKey(byte[] key, long windowStart, int sequenceNumber = 0)
    {
        var bytes = new byte[key.Length + SuffixLength];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowStart);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(key.Length + TimeLength), sequenceNumber);
        return bytes;
    }

    /// <summary>The serialized record key, a slice of <paramref name="bytes"/>.</summary>
    public static ReadOnlySpan<byte> DecodeKey(ReadOnlySpan<byte> bytes, out long windowStart, out int sequenceNumber)
    {
        if (bytes.Length < SuffixLength)
        {
            throw new FormatException($"a window changelog key has at least {SuffixLength} bytes; this one has {bytes.Length}");
        }

        var keyLength = bytes.Length - SuffixLength;
        windowStart = BinaryPrimitives.ReadInt64BigEndian(bytes[keyLength..]);
        sequenceNumber = BinaryPrimitives.ReadInt32BigEndian(bytes[(keyLength + TimeLength)..]);
        return bytes[..keyLength];
    }
}
