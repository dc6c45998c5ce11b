using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using JourneyMapper.Journeys.Hashing;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// The two hashes on the journey path, each against .NET's own class doing the same work, which is each category's
/// ratio baseline: the HMAC of an IP address (every event, <c>PrivacyFilter.Hash</c>) through a reused
/// <see cref="IncrementalHash"/> (what the filter used before) and through <see cref="HmacSha256"/>; the SHA-256 of a
/// session id's text (every segment, <c>SegmentBuilder.SessionId</c>) through <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// and through <see cref="Sha256"/>.
/// </summary>
[Config(typeof(MicroBenchmarkConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HashingBenchmarks : IDisposable
{
    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("benchmark-salt-of-sixteen-plus");
    private static readonly byte[] IpAddress = Encoding.UTF8.GetBytes("198.51.100.23");
    private static readonly byte[] SessionText = Encoding.UTF8.GetBytes("user-48213\n1732270000123");

    private readonly byte[] _hash = new byte[SHA256.HashSizeInBytes];
    private IncrementalHash _dotNetHmac = null!;
    private HmacSha256 _hmac = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dotNetHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Salt);
        _hmac = new HmacSha256(Salt);
        if (!OpenSslSha256.IsAvailable)
        {
            Console.WriteLine("// OpenSSL's SHA-256 functions were not found: both sides of each category are .NET's");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _dotNetHmac.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("HMAC")]
    public byte[] IncrementalHashHmac()
    {
        _dotNetHmac.AppendData(IpAddress);
        _dotNetHmac.GetHashAndReset(_hash);
        return _hash;
    }

    [Benchmark]
    [BenchmarkCategory("HMAC")]
    public byte[] PadStatesHmac()
    {
        _hmac.Compute(IpAddress, _hash);
        return _hash;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("SHA-256")]
    public byte[] DotNetSha256()
    {
        SHA256.HashData(SessionText, _hash);
        return _hash;
    }

    [Benchmark]
    [BenchmarkCategory("SHA-256")]
    public byte[] OpenSslDigestSha256()
    {
        Sha256.HashData(SessionText, _hash);
        return _hash;
    }
}
