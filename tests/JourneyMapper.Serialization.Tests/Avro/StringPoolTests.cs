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
        var text = new string('a', StringPool.MaxPooledLength + 1);
        var first = pool.GetOrAdd(Encoding.ASCII.GetBytes(text));

        Assert.Equal(text, first);
        Assert.NotSame(first, pool.GetOrAdd(Encoding.ASCII.GetBytes(text)));
        Assert.Same(pool.GetOrAdd(Encoding.ASCII.GetBytes(text[..^1])), pool.GetOrAdd(Encoding.ASCII.GetBytes(text[..^1])));
    }

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
