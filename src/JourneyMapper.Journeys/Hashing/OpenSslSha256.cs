using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace JourneyMapper.Journeys.Hashing;

/// <summary>
/// SHA-256 through OpenSSL's digest functions (<c>SHA256_Init</c>, <c>SHA256_Update</c>, <c>SHA256_Final</c>) in the
/// libcrypto .NET itself uses on Linux. .NET's <see cref="SHA256"/> and <see cref="IncrementalHash"/> reach the same
/// hashing through OpenSSL 3's provider layer, and for a short value the set-up of each call costs several times the
/// hashing itself (BENCHMARKS.md, "hashing on the journey path"); every event's IP address and every segment's id is a
/// short value. Where the library or its functions are missing (other platforms, other builds), <see cref="IsAvailable"/>
/// is false and callers use .NET's classes.
/// </summary>
internal static unsafe class OpenSslSha256
{
    /// <summary>
    /// <c>sizeof(SHA256_CTX)</c> in every OpenSSL since 0.9.8: eight words of state, the bit count, a block and two
    /// counters. A context is plain memory, so a copy of one is a hash resumed from the same point.
    /// </summary>
    public const int ContextSize = 112;

    public const int BlockSize = 64;

    private static readonly string[] Libraries = ["libcrypto.so.3", "libcrypto.so.1.1"];

    private static readonly (nint Init, nint Update, nint Final) Functions = Load();

    /// <summary>Whether the functions were found and hash as .NET does; when false, none of the methods below may be called.</summary>
    public static bool IsAvailable { get; } = Functions.Init != 0 && AgreesWithDotNet();

    public static void Start(Span<byte> context)
    {
        fixed (byte* c = context[..ContextSize])
        {
            ((delegate* unmanaged[SuppressGCTransition]<byte*, int>)Functions.Init)(c);
        }
    }

    public static void Append(Span<byte> context, ReadOnlySpan<byte> data)
    {
        fixed (byte* c = context[..ContextSize])
        fixed (byte* d = data)
        {
            ((delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)Functions.Update)(c, d, (nuint)data.Length);
        }
    }

    /// <summary>Writes the digest and wipes <paramref name="context"/>, as OpenSSL does.</summary>
    public static void Finish(Span<byte> context, Span<byte> hash)
    {
        fixed (byte* c = context[..ContextSize])
        fixed (byte* h = hash[..SHA256.HashSizeInBytes])
        {
            ((delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)Functions.Final)(h, c);
        }
    }

    // Suppressing the GC transition in the calls is safe: the three functions only read and write the memory given, never
    // block and never call back, and they take well under a microsecond, which the transition would add to.
    private static (nint Init, nint Update, nint Final) Load()
    {
        foreach (var name in Libraries)
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                return (init, update, final);
            }
        }

        return default;
    }

    // A library whose context is larger than assumed, or whose functions are not what their names say, would hash
    // wrongly without failing: checked once against .NET's own SHA-256, over one block and over several.
    private static bool AgreesWithDotNet()
    {
        Span<byte> input = stackalloc byte[3 * BlockSize + 7];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (byte)(i * 31);
        }

        Span<byte> context = stackalloc byte[ContextSize * 2]; // room beyond the assumed size, to see it left alone
        context.Fill(0xA5);
        Span<byte> ours = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> theirs = stackalloc byte[SHA256.HashSizeInBytes];
        foreach (var length in (ReadOnlySpan<int>)[3, input.Length])
        {
            Start(context);
            Append(context, input[..length]);
            Finish(context, ours);
            SHA256.HashData(input[..length], theirs);
            if (!ours.SequenceEqual(theirs) || context[ContextSize..].ContainsAnyExcept((byte)0xA5))
            {
                return false;
            }
        }

        return true;
    }
}
