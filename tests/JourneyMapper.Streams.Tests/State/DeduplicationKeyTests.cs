using System.Numerics;
using System.Text;
using JourneyMapper.Streams.State;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

/// <summary>The hash a deduplication store keeps instead of the key: the published function, and sane on the keys ids look like.</summary>
public sealed class DeduplicationKeyTests
{
    [Fact]
    public void TheHashIsXxh3Of128BitsWithSeedZero()
    {
        // XXH3_128bits("") from the reference implementation's test vectors.
        Assert.Equal(new UInt128(0x99AA06D3014798D8, 0x6001C324468D497F), DeduplicationKey.Hash(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData("")]
    [InlineData("evt-00000001")]
    [InlineData("ünïcødé-ключ-鍵")]
    public void AStringIsHashedAsItsUtf8Bytes(string key) =>
        Assert.Equal(DeduplicationKey.Hash(Encoding.UTF8.GetBytes(key)), DeduplicationKey.Hash(key));

    [Fact]
    public void ALongStringIsHashedAsItsUtf8BytesToo()
    {
        var key = string.Concat(Enumerable.Repeat("é-0123456789", 100));

        Assert.Equal(DeduplicationKey.Hash(Encoding.UTF8.GetBytes(key)), DeduplicationKey.Hash(key));
    }

    [Fact]
    public void TheChangelogFormIsTheCanonicalBigEndianBytes()
    {
        var hash = DeduplicationKey.Hash("evt-1");

        var bytes = DeduplicationKey.Encode(hash);

        Assert.Equal(System.IO.Hashing.XxHash128.Hash("evt-1"u8), bytes);
        Assert.Equal(hash, DeduplicationKey.Decode(bytes));
        Assert.Throws<FormatException>(() => DeduplicationKey.Decode(new byte[15]));
    }

    [Fact]
    public void AMillionSequentialIdsHaveDistinctHashesInBothHalves()
    {
        var full = new HashSet<UInt128>();
        var high = new HashSet<ulong>();
        var low = new HashSet<ulong>();
        for (var i = 0; i < 1_000_000; i++)
        {
            var hash = DeduplicationKey.Hash("evt-" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
            full.Add(hash);
            high.Add((ulong)(hash >> 64));
            low.Add((ulong)hash);
        }

        Assert.Equal(1_000_000, full.Count);
        Assert.Equal(1_000_000, high.Count);
        Assert.Equal(1_000_000, low.Count);
    }

    /// <summary>
    /// The store's home slot is the high half times the table size, shifted: sequential ids must spread evenly
    /// over the slots. Chi-square over 1,024 slots with 1,000,000 ids: 1,023 degrees of freedom, so a fair hash
    /// gives 1,023 ± 45 (the bound is beyond six standard deviations).
    /// </summary>
    [Fact]
    public void SequentialIdsSpreadEvenlyOverTheHomeSlots()
    {
        const int slots = 1_024;
        const int ids = 1_000_000;
        var counts = new long[slots];
        for (var i = 0; i < ids; i++)
        {
            var hash = DeduplicationKey.Hash("evt-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            counts[(int)Math.BigMul((ulong)(hash >> 64), slots, out _)]++;
        }

        const double expected = (double)ids / slots;
        var chiSquare = counts.Sum(count => (count - expected) * (count - expected) / expected);
        Assert.InRange(chiSquare, 1_023 - 6 * 45, 1_023 + 6 * 45);
    }

    /// <summary>Flipping any one bit of a key flips each bit of the hash with probability 1/2: 64 of 128 on average.</summary>
    [Fact]
    public void OneFlippedInputBitFlipsHalfTheOutputBits()
    {
        var flipped = new List<int>();
        var key = Encoding.UTF8.GetBytes("evt-4f6c2a90-7d1e-4b7a-9a55-0c3b8e21d417");
        var original = DeduplicationKey.Hash(key);
        for (var bit = 0; bit < key.Length * 8; bit++)
        {
            key[bit / 8] ^= (byte)(1 << (bit % 8));
            var changed = original ^ DeduplicationKey.Hash(key);
            flipped.Add(BitOperations.PopCount((ulong)(changed >> 64)) + BitOperations.PopCount((ulong)changed));
            key[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        // 320 flips, each Binomial(128, 1/2): mean 64, standard error 5.66 / sqrt(320) = 0.32.
        Assert.InRange(flipped.Average(), 62.5, 65.5);
        Assert.InRange(flipped.Min(), 35, 64);
    }
}
