using System.IO.Hashing;
using System.Text;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// One string instance per value for fields with few distinct values (event types, channels, property names, user
/// agents): a decoded record then shares them instead of allocating its own copy of each. A small table indexed by the
/// bytes' XXH3 hash (HashCode's took a label's lookup half again as long as decoding it anew), each slot holding the
/// string last made there; a value whose slot holds another string is made and takes the slot. Only ASCII values up to
/// the pool's length limit are pooled, a limit set to what the field's usual values need: a longer value is most likely
/// one of a kind, and comparing it would cost more than sharing it saves.
/// </summary>
/// <remarks>
/// Safe to share between threads without locks: a slot holds an immutable string, read and written whole, and a
/// string is only handed out after its characters were compared with the bytes, so a race costs at most a miss.
/// </remarks>
public sealed class StringPool
{
    /// <summary>The length limit of a pool made without one: labels.</summary>
    public const int DefaultMaxPooledLength = 32;

    private const int Slots = 512;

    private readonly string?[] _slots = new string?[Slots];

    public StringPool()
        : this(DefaultMaxPooledLength)
    {
    }

    /// <param name="maxPooledLength">Values longer than this are decoded as they come.</param>
    public StringPool(int maxPooledLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPooledLength);
        MaxPooledLength = maxPooledLength;
    }

    /// <summary>Values longer than this are decoded as they come.</summary>
    public int MaxPooledLength { get; }

    /// <summary>The pool the Avro readers share for labels.</summary>
    public static StringPool Shared { get; } = new();

    /// <summary>
    /// The pool the Avro readers share for user agents. Nearly every web and app event carries one, 100 to 150 characters
    /// long (a string of about 250 bytes each time it is decoded), and a site's traffic comes from a few hundred browser
    /// and app builds. A pool of their own, so that they never take the labels' slots.
    /// </summary>
    public static StringPool UserAgents { get; } = new(maxPooledLength: 512);

    /// <summary>The pooled string equal to <paramref name="ascii"/>, which must be ASCII (checked by the caller).</summary>
    public string GetOrAdd(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxPooledLength)
        {
            return Encoding.Latin1.GetString(ascii);
        }

        ref var slot = ref _slots[(int)XxHash3.HashToUInt64(ascii) & (Slots - 1)];
        var pooled = slot;
        if (pooled is not null && Ascii.Equals(ascii, pooled))
        {
            return pooled;
        }

        pooled = Encoding.Latin1.GetString(ascii);
        slot = pooled;
        return pooled;
    }
}
