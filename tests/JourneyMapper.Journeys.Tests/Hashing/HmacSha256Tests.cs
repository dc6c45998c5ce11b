using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Journeys.Hashing;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Hashing;

/// <summary>
/// The HMAC resumed from the key's pad states is RFC 2104's HMAC-SHA256 for any key (shorter than a block, a block, longer)
/// and any message, on OpenSSL's functions and on .NET's HMAC alike, and one instance serves many threads.
/// </summary>
public sealed class HmacSha256Tests
{
    // RFC 4231, test cases 1, 2, 6 (a key longer than a block) and 7 (a key and a message longer than a block).
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData(null, "Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    [InlineData(null, "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")]
    public void Rfc4231Vectors(string? keyHex, string message, string expected)
    {
        var key = keyHex is null ? Enumerable.Repeat((byte)0xaa, 131).ToArray() : Convert.FromHexString(keyHex);

        foreach (var useOpenSsl in new[] { true, false })
        {
            Assert.Equal(expected, Convert.ToHexStringLower(Mac(new HmacSha256(key, useOpenSsl), Encoding.ASCII.GetBytes(message))));
        }
    }

    [Fact]
    public void AnyKeyAndMessageGiveDotNetsHmac() =>
        Prop.ForAll(Arb.From(Gen.Two(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Resize(200))), pair =>
            {
                var (key, message) = pair;
                var expected = HMACSHA256.HashData(key, message);

                Assert.Equal(expected, Mac(new HmacSha256(key, useOpenSsl: true), message));
                Assert.Equal(expected, Mac(new HmacSha256(key, useOpenSsl: false), message));
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void OneInstanceGivesEachThreadTheSameMacs()
    {
        var key = Encoding.UTF8.GetBytes("a-salt-shared-by-every-thread");
        var shared = new HmacSha256(key);
        var messages = Enumerable.Range(0, 2_000).Select(i => Encoding.UTF8.GetBytes($"198.51.{i / 256}.{i % 256}")).ToArray();

        var results = new byte[messages.Length][];
        Parallel.For(0, messages.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = Mac(shared, messages[i]));

        Assert.Equal(messages.Select(message => HMACSHA256.HashData(key, message)), results);
    }

    private static byte[] Mac(HmacSha256 hmac, byte[] message)
    {
        var mac = new byte[HmacSha256.HashSize];
        hmac.Compute(message, mac);
        return mac;
    }
}
