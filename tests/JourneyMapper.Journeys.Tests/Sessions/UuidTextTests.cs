using System.Text;
using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Journeys.Sessions;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Sessions;

/// <summary>
/// A UUID held as its 128 bits is written back as the canonical text it was parsed from: lowercase hex of the bits from
/// the top, dashes after 8, 12, 16 and 20 digits, the same as characters and as UTF-8.
/// </summary>
public sealed class UuidTextTests
{
    [Theory]
    [InlineData(0UL, 0UL, "00000000-0000-0000-0000-000000000000")]
    [InlineData(ulong.MaxValue, ulong.MaxValue, "ffffffff-ffff-ffff-ffff-ffffffffffff")]
    [InlineData(0x0123456789abcdefUL, 0xfedcba9876543210UL, "01234567-89ab-cdef-fedc-ba9876543210")]
    [InlineData(0x6f1c2a7e3b9d4c55UL, 0x9a8e2d7f0b1e4c11UL, "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11")]
    public void TheTextIsTheBitsInHexFromTheTop(ulong high, ulong low, string text) => AssertWrittenAs(high, low, text);

    [Fact]
    public void AnyBitsAreWrittenAsTheirHexAndParseBackToThemselves() =>
        Prop.ForAll(Arb.From(Gen.Two(Gen.Choose(int.MinValue, int.MaxValue).Two())), halves =>
            {
                var ((a, b), (c, d)) = halves;
                var (high, low) = (((ulong)(uint)a << 32) | (uint)b, ((ulong)(uint)c << 32) | (uint)d);
                var hex = $"{high:x16}{low:x16}";
                AssertWrittenAs(high, low, $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    [Fact]
    public void TooLittleRoomIsRefused()
    {
        Assert.Throws<ArgumentException>(() => UuidText.Write(1, 2, new char[UuidText.Length - 1]));
        Assert.False(UuidText.TryWriteUtf8(1, 2, new byte[UuidText.Length - 1], out var written));
        Assert.Equal(0, written);
    }

    private static void AssertWrittenAs(ulong high, ulong low, string text)
    {
        var (chars, utf8) = (new char[UuidText.Length + 2], new byte[UuidText.Length + 2]);
        UuidText.Write(high, low, chars);
        Assert.True(UuidText.TryWriteUtf8(high, low, utf8, out var written));
        Assert.Equal(UuidText.Length, written);

        Assert.Equal(text, UuidText.ToString(high, low));
        Assert.Equal(text, new string(chars, 0, UuidText.Length));
        Assert.Equal(Encoding.ASCII.GetBytes(text), utf8[..UuidText.Length]);
        Assert.True(UuidText.TryParse(text, out var parsedHigh, out var parsedLow));
        Assert.Equal((high, low), (parsedHigh, parsedLow));
    }
}
