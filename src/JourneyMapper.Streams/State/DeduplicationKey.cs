using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace JourneyMapper.Streams.State;

/// <summary>
/// The 128-bit hash a <see cref="IDeduplicationStore"/> keeps instead of a key: XXH3-128 (XxHash128, seed 0) of
/// the key's bytes, strings as UTF-8. At 128 bits two different keys collide (and the second is taken for a
/// repeat) with odds of about n / 2^128 per key among n remembered ones: never, in practice.
/// </summary>
public static class DeduplicationKey
{
    private const int StackLimit = 256;

    public static UInt128 Hash(ReadOnlySpan<byte> key) => XxHash128.HashToUInt128(key);

    public static UInt128 Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            return Hash(buffer[..Encoding.UTF8.GetBytes(key, buffer)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return Hash(rented.AsSpan(0, Encoding.UTF8.GetBytes(key, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The changelog key of a hash: its 16 bytes, big-endian (XXH3-128's canonical form).</summary>
    internal static byte[] Encode(UInt128 keyHash)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, keyHash);
        return bytes;
    }

    internal static UInt128 Decode(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 16
            ? BinaryPrimitives.ReadUInt128BigEndian(bytes)
            : throw new FormatException($"a deduplication changelog key has 16 bytes, not {bytes.Length}");
}
