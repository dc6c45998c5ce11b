using System.Security.Cryptography;

namespace JourneyMapper.Journeys.Hashing;

/// <summary>
/// HMAC-SHA256 (RFC 2104) with one key, set up once: the key's inner and outer pads are hashed here, and each MAC then
/// resumes from those two states, hashing only the message and the inner digest. Thread-safe: the states are only read,
/// and every call works on copies on its own stack. Without <see cref="OpenSslSha256"/>, .NET's HMAC is used instead,
/// one per thread.
/// </summary>
internal sealed class HmacSha256
{
    public const int HashSize = Sha256.HashSize;

    // Setting up .NET's HMAC (OpenSSL's context, the key's pads) costs as much as hashing an IP address: one per thread,
    // kept for the last key it hashed with.
    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)? t_fallback;

    // Either the inner pad's state then the outer one's, or the key for .NET's HMAC: never both copies of the secret.
    private readonly byte[]? _padStates;
    private readonly byte[]? _key;

    public HmacSha256(ReadOnlySpan<byte> key)
        : this(key, OpenSslSha256.IsAvailable)
    {
    }

    /// <param name="useOpenSsl">False takes .NET's HMAC even where OpenSSL's functions are available: for tests of that path.</param>
    internal HmacSha256(ReadOnlySpan<byte> key, bool useOpenSsl)
    {
        if (useOpenSsl && OpenSslSha256.IsAvailable)
        {
            _padStates = PadStates(key);
        }
        else
        {
            _key = key.ToArray();
        }
    }

    public void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        if (_padStates is null)
        {
            var hmac = Fallback(_key!);
            hmac.AppendData(message);
            hmac.GetHashAndReset(mac);
            return;
        }

        const int Size = OpenSslSha256.ContextSize;
        Span<byte> context = stackalloc byte[Size];
        Span<byte> inner = stackalloc byte[HashSize];
        _padStates.AsSpan(0, Size).CopyTo(context);
        OpenSslSha256.Append(context, message);
        OpenSslSha256.Finish(context, inner);
        _padStates.AsSpan(Size, Size).CopyTo(context);
        OpenSslSha256.Append(context, inner);
        OpenSslSha256.Finish(context, mac);
    }

    private static byte[] PadStates(ReadOnlySpan<byte> key)
    {
        // A key longer than a block is replaced by its hash; a shorter one is padded with zeros to a block.
        Span<byte> block = stackalloc byte[OpenSslSha256.BlockSize];
        block.Clear();
        if (key.Length > block.Length)
        {
            Sha256.HashData(key, block);
        }
        else
        {
            key.CopyTo(block);
        }

        var states = new byte[2 * OpenSslSha256.ContextSize];
        Span<byte> padded = stackalloc byte[OpenSslSha256.BlockSize];
        foreach (var (pad, state) in (ReadOnlySpan<(byte, int)>)[(0x36, 0), (0x5c, OpenSslSha256.ContextSize)])
        {
            for (var i = 0; i < padded.Length; i++)
            {
                padded[i] = (byte)(block[i] ^ pad);
            }

            var context = states.AsSpan(state, OpenSslSha256.ContextSize);
            OpenSslSha256.Start(context);
            OpenSslSha256.Append(context, padded);
        }

        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(padded);
        return states;
    }

    private static IncrementalHash Fallback(byte[] key)
    {
        if (t_fallback is { } cached && ReferenceEquals(cached.Key, key))
        {
            return cached.Hmac;
        }

        t_fallback?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        t_fallback = (key, hmac);
        return hmac;
    }
}
