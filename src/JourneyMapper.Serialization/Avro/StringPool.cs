using System.Text;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// One string instance per value for fields with few distinct values (event types, channels, property names): a decoded
/// record then shares them instead of allocating its own copy of each. A small table indexed by a hash of the bytes,
/// each slot holding the string last made there; a value whose slot holds another string is made and takes the slot.
/// Only short ASCII values are pooled: they are what such fields hold, and comparing them with the bytes is cheap.
/// </summary>
/// <remarks>
/// Safe to share between threads without locks: a slot holds an immutable string, read and written whole, and a
/// string is only handed out after its characters were compared with the bytes, so a race costs at most a miss.
/// </remarks>
public sealed class StringPool
{
    /// <summary>Values longer than this are decoded as they come.</summary>
    public const int MaxPooledLength = 32;

    private const int Slots = 512;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>The pool the Avro readers share.</summary>
    public static StringPool Shared { get; } = new();

    /// <summary>The pooled string equal to <paramref name="ascii"/>, which must be ASCII (checked by the caller).</summary>
    public string GetOrAdd(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxPooledLength)
        {
            return Encoding.Latin1.GetString(ascii);
        }

        var hash = new HashCode();
        hash.AddBytes(ascii);
        ref var slot = ref _slots[hash.ToHashCode() & (Slots - 1)];
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
