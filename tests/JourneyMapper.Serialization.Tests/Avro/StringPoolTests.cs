using System.Text;
using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

public sealed class StringPoolTests
{
    [Fact]
    public void AValueSeenBeforeComesBackAsTheSameInstance()
    {
        var pool = new StringPool();
        var first = pool.GetOrAdd("page_view"u8);
        var second = pool.GetOrAdd(Encoding.ASCII.GetBytes("page_view"));

        Assert.Equal("page_view", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void ValuesLongerThanTheLimitAreDecodedEachTime()
    {
        var pool = new StringPool();
        Assert.Equal(StringPool.DefaultMaxPooledLength, pool.MaxPooledLength);
        var text = new string('a', pool.MaxPooledLength + 1);
        var first = pool.GetOrAdd(Encoding.ASCII.GetBytes(text));

        Assert.Equal(text, first);
        Assert.NotSame(first, pool.GetOrAdd(Encoding.ASCII.GetBytes(text)));
        Assert.Same(pool.GetOrAdd(Encoding.ASCII.GetBytes(text[..^1])), pool.GetOrAdd(Encoding.ASCII.GetBytes(text[..^1])));
    }

    [Fact]
    public void APoolWithALongerLimitKeepsLongValues()
    {
        var pool = new StringPool(maxPooledLength: 200);
        const string userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36";
        var longer = new string('u', 201);

        Assert.Same(pool.GetOrAdd(Encoding.ASCII.GetBytes(userAgent)), pool.GetOrAdd(Encoding.ASCII.GetBytes(userAgent)));
        Assert.Equal(userAgent, pool.GetOrAdd(Encoding.ASCII.GetBytes(userAgent)));
        Assert.NotSame(pool.GetOrAdd(Encoding.ASCII.GetBytes(longer)), pool.GetOrAdd(Encoding.ASCII.GetBytes(longer)));
        Assert.Equal(longer, pool.GetOrAdd(Encoding.ASCII.GetBytes(longer)));
    }

    [Fact]
    public void ANegativeLimitIsRejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new StringPool(-1));

    [Fact]
    public void AnEmptyValueIsTheEmptyString() => Assert.Equal(string.Empty, new StringPool().GetOrAdd([]));

    /// <summary>However values share or evict slots, what comes back is always the value asked for.</summary>
    [Fact]
    public void EveryLookupGivesTheValueAskedFor() =>
        Prop.ForAll(
                Arb.From(Gen.ListOf(Gen.Choose(0, 2_000).Select(i => $"v{i}"))),
                values =>
                {
                    var pool = new StringPool();
                    foreach (var value in values)
                    {
                        Assert.Equal(value, pool.GetOrAdd(Encoding.ASCII.GetBytes(value)));
                    }
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    [Fact]
    public void ThreadsSharingAPoolEachGetTheirOwnValues()
    {
        var pool = new StringPool();
        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var value = $"t{thread}-{i % 700}";
                Assert.Equal(value, pool.GetOrAdd(Encoding.ASCII.GetBytes(value)));
            }
        });
    }
}
