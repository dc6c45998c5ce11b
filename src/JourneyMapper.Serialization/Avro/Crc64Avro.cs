namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The specification's 64-bit Rabin fingerprint (CRC-64-AVRO). It starts from EMPTY rather than zero so leading
/// zero bytes still change the result.
/// </summary>
public static class Crc64Avro
{
    /// <summary>The fingerprint of no bytes, which is also the polynomial.</summary>
    public const long Empty = unchecked((long)0xc15d213aa4d7a795UL);

    private static readonly ulong[] Table = BuildTable();

    public static long Compute(ReadOnlySpan<byte> data)
    {
        ulong fingerprint = unchecked((ulong)Empty);
        var table = Table;
        foreach (byte b in data)
        {
            fingerprint = (fingerprint >> 8) ^ table[(int)((fingerprint ^ b) & 0xff)];
        }

        return unchecked((long)fingerprint);
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (ulong i = 0; i < 256; i++)
        {
            ulong fingerprint = i;
            for (int j = 0; j < 8; j++)
            {
                fingerprint = (fingerprint >> 1) ^ (unchecked((ulong)Empty) & (0UL - (fingerprint & 1UL)));
            }

            table[i] = fingerprint;
        }

        return table;
    }
}
