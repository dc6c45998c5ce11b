using System.Buffers.Binary;
using System.Text;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Changelog layout of a session store. The key is the serialized record key followed by the session start
/// (8 bytes, big-endian); the value is the session end (8 bytes) followed by the serialized aggregate.
/// Keeping the end out of the key means a session that grows overwrites its own changelog entry, so
/// compaction leaves one record per session however often it grew.
/// </summary>
internal static class SessionKeySchema
{
    /// <summary>Bytes of the start in a key and of the end in a value.</summary>
    public const int TimeLength = 8;

    public static byte[] EncodeKey(byte[] key, long start)
    {
        var bytes = new byte[key.Length + TimeLength];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), start);
        return bytes;
    }

    /// <summary>A key as Serdes.String writes it (UTF-8) followed by the start, in one allocation.</summary>
    public static byte[] EncodeKey(string key, long start)
    {
        var length = Encoding.UTF8.GetByteCount(key);
        var bytes = new byte[length + TimeLength];
        Encoding.UTF8.GetBytes(key, bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(length), start);
        return bytes;
    }

    /// <summary>The end followed by an aggregate as Serdes.Int64 writes it (8 bytes, big-endian), in one allocation.</summary>
    public static byte[] EncodeValue(long end, long aggregate)
    {
        var bytes = new byte[TimeLength + sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, end);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(TimeLength), aggregate);
        return bytes;
    }

    public static byte[] EncodeValue(long end, ReadOnlySpan<byte> aggregate)
    {
        var bytes = new byte[TimeLength + aggregate.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, end);
        aggregate.CopyTo(bytes.AsSpan(TimeLength));
        return bytes;
    }

    /// <summary>A value from an aggregate serialized behind <see cref="TimeLength"/> free bytes: the end goes into them.</summary>
    public static byte[] EncodeValueInPlace(long end, byte[] aggregateAfterRoom)
    {
        BinaryPrimitives.WriteInt64BigEndian(aggregateAfterRoom, end);
        return aggregateAfterRoom;
    }

    /// <summary>The serialized record key, a slice of <paramref name="bytes"/>.</summary>
    public static ReadOnlySpan<byte> DecodeKey(ReadOnlySpan<byte> bytes, out long start)
    {
        Require(bytes, "key");
        var keyLength = bytes.Length - TimeLength;
        start = BinaryPrimitives.ReadInt64BigEndian(bytes[keyLength..]);
        return bytes[..keyLength];
    }

    /// <summary>The serialized aggregate, a slice of <paramref name="bytes"/>.</summary>
    public static ReadOnlySpan<byte> DecodeValue(ReadOnlySpan<byte> bytes, out long end)
    {
        Require(bytes, "value");
        end = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return bytes[TimeLength..];
    }

    private static void Require(ReadOnlySpan<byte> bytes, string part)
    {
        if (bytes.Length < TimeLength)
        {
            throw new FormatException($"a session changelog {part} has at least {TimeLength} bytes; this one has {bytes.Length}");
        }
    }
}
