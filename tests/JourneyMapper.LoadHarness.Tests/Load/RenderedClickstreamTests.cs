using JourneyMapper.LoadHarness.Load;
using JourneyMapper.Tools.Generator;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Load;

public sealed class RenderedClickstreamTests
{
    // Records of 1 + 4 + 6 + 4 + 20..29 bytes: a 100-byte chunk holds two or three, so some chunks end with room left.
    private static readonly RawClickRecord[] Source = Enumerable.Range(0, 40)
        .Select(i => new RawClickRecord($"cust{i % 7:D2}", Enumerable.Range(0, 20 + (i % 10)).Select(b => (byte)(b * i)).ToArray(), (RecordDefect)(i % 5)))
        .ToArray();

    [Theory]
    [InlineData(100)]
    [InlineData(40)] // only one record fits in each chunk
    [InlineData(10)] // no record fits: each gets a chunk of its own size
    [InlineData(64 << 20)]
    public void RecordsComeBackAsTheyWentInAndInTheirOrder(int chunkBytes)
    {
        var rendered = RenderedClickstream.Render(Source, Source.Length, chunkBytes);

        var back = rendered.Records().ToList();

        Assert.Equal(Source.Length, rendered.Count);
        Assert.Equal(Source.Select(r => r.Key), back.Select(r => r.Key));
        Assert.Equal(Source.Select(r => r.Defect), back.Select(r => r.Defect));
        Assert.All(Source.Zip(back), pair => Assert.Equal(pair.First.Value, pair.Second.Value));
        Assert.Equal(Source.Sum(r => 1 + 4 + r.Key.Length + 4 + r.Value.Length), rendered.Bytes);
    }

    [Fact]
    public void ItTakesNoMoreThanTheCountAndStopsWhereTheSourceEnds()
    {
        Assert.Equal(Source.Take(25).Select(r => r.Key), RenderedClickstream.Render(Source, 25, 100).Records().Select(r => r.Key));
        Assert.Equal(Source.Length, RenderedClickstream.Render(Source, 1_000, 100).Count);
        Assert.Empty(RenderedClickstream.Render(Source, 0).Records());
    }

    [Fact]
    public void EachPassGivesNewValueArrays()
    {
        var rendered = RenderedClickstream.Render(Source, 3, 100);

        var first = rendered.Records().First().Value;
        first[0] = 99;

        Assert.Equal(Source[0].Value, rendered.Records().First().Value);
    }
}
