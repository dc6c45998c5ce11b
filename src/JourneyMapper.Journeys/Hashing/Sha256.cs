using System.Security.Cryptography;

namespace JourneyMapper.Journeys.Hashing;

/// <summary>SHA-256 of a short value, through <see cref="OpenSslSha256"/> where it is available and .NET's <see cref="SHA256"/> elsewhere.</summary>
internal static class Sha256
{
    public const int HashSize = SHA256.HashSizeInBytes;

    public static void HashData(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!OpenSslSha256.IsAvailable)
        {
            SHA256.HashData(source, destination);
            return;
        }

        Span<byte> context = stackalloc byte[OpenSslSha256.ContextSize];
        OpenSslSha256.Start(context);
        OpenSslSha256.Append(context, source);
        OpenSslSha256.Finish(context, destination);
    }
}
