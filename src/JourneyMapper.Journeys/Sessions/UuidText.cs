namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// Event ids in the canonical UUID form (<c>6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11</c>: lowercase hex, dashes after 8,
/// 12, 16 and 20 digits), as most producers make them, held as their 128 bits: 16 bytes where the string takes 96.
/// Only that exact form is taken (not uppercase, not braces), so the text comes back unchanged; and as its digits
/// are in order and its dashes in fixed places, comparing two values as numbers orders them as their texts compare.
/// </summary>
internal static class UuidText
{
    public const int Length = 36;

    public static bool TryParse(string text, out ulong high, out ulong low)
    {
        (high, low) = (0, 0);
        if (text.Length != Length)
        {
            return false;
        }

        var digits = 0;
        for (var i = 0; i < Length; i++)
        {
            var c = text[i];
            if (i is 8 or 13 or 18 or 23)
            {
                if (c != '-')
                {
                    return false;
                }

                continue;
            }

            uint nibble = c switch
            {
                >= '0' and <= '9' => (uint)(c - '0'),
                >= 'a' and <= 'f' => (uint)(c - 'a' + 10),
                _ => uint.MaxValue,
            };
            if (nibble == uint.MaxValue)
            {
                return false;
            }

            if (digits++ < 16)
            {
                high = (high << 4) | nibble;
            }
            else
            {
                low = (low << 4) | nibble;
            }
        }

        return true;
    }

    public static string ToString(ulong high, ulong low) => AsGuid(high, low).ToString();

    /// <summary>The canonical text into <paramref name="destination"/> (at least <see cref="Length"/> chars).</summary>
    public static void Write(ulong high, ulong low, Span<char> destination)
    {
        if (!AsGuid(high, low).TryFormat(destination, out _))
        {
            throw new ArgumentException($"a UUID takes {Length} characters", nameof(destination));
        }
    }

    /// <summary>
    /// The canonical text as UTF-8 into <paramref name="destination"/>, or nothing where it has fewer than
    /// <see cref="Length"/> bytes.
    /// </summary>
    public static bool TryWriteUtf8(ulong high, ulong low, Span<byte> destination, out int written) =>
        AsGuid(high, low).TryFormat(destination, out written);

    // A Guid's default text is its fields in order, each as big-endian lowercase hex with the same dashes: the 128 bits
    // read from the top. So the runtime's Guid formatting, which writes characters and UTF-8 alike, writes ours.
    private static Guid AsGuid(ulong high, ulong low) => new(
        (uint)(high >> 32), (ushort)(high >> 16), (ushort)high,
        (byte)(low >> 56), (byte)(low >> 48), (byte)(low >> 40), (byte)(low >> 32), (byte)(low >> 24), (byte)(low >> 16), (byte)(low >> 8), (byte)low);
}
