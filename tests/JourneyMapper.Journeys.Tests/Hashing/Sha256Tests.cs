using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Journeys.Hashing;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Hashing;

/// <summary>SHA-256 through OpenSSL's digest functions is the SHA-256 of .NET for any input, and is the one in use on Linux.</summary>
public sealed class Sha256Tests
{
    [Fact]
    public void OpenSslsFunctionsAreInUseOnLinux()
    {
        // .NET's own cryptography needs libcrypto on Linux, so where it runs the functions are there; were they not
        // found, every other test here would only compare .NET with itself.
        Assert.Equal(OperatingSystem.IsLinux(), OpenSslSha256.IsAvailable);
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")] // FIPS 180-2, two blocks
    public void KnownDigests(string text, string expected)
    {
        var hash = new byte[Sha256.HashSize];
        Sha256.HashData(Encoding.ASCII.GetBytes(text), hash);

        Assert.Equal(expected, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void AnyInputHashesAsDotNetHashesIt() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Resize(300)), input =>
            {
                var hash = new byte[Sha256.HashSize];
                Sha256.HashData(input, hash);

                Assert.Equal(SHA256.HashData(input), hash);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
}
