using System.Runtime.CompilerServices;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Tests.Records;
using Xunit;

namespace JourneyMapper.Serialization.Tests.AvroSerdes;

/// <summary>
/// Issue #4's budget for decoding a ClickEvent: at most one allocation beyond its strings. Checked to the byte: what
/// a decode allocates must equal one ClickEvent object plus one string object per string the event holds, each size
/// measured on this runtime by allocating the same object alone, so no object layout is assumed here. Fields with few
/// distinct values (event type, channel, campaign, property names, user agent) come from the shared pools
/// (<see cref="StringPool"/>) once seen, and allocate nothing.
/// </summary>
public sealed class ClickEventDecodeAllocationTests
{
    private const int Rounds = 100;

    // Allocations stored here escape, so the JIT cannot move them to the stack and leave nothing to count.
    private static object? _sink;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DecodingAllocatesTheRecordAndItsStringsOnly(bool withProperties)
    {
        var codec = ClickEventAvroCodec.Instance;
        var sample = RecordSamples.TypicalClickEvent();
        Assert.Equal(2, sample.Properties?.Count);
        var bytes = codec.Encode(withProperties ? sample : sample with { Properties = null });

        // Warm up: the first calls compile and initialise, which allocates once and is not what a decode costs.
        ClickEvent decoded = null!;
        for (var i = 0; i < 10; i++)
        {
            decoded = codec.Decode(bytes);
        }

        var expected = Allocated(static () => new ClickEvent()) + StringsOf(decoded).Sum(text => Allocated(() => new string('x', text.Length)));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            _sink = codec.Decode(bytes);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(sample with { Properties = withProperties ? sample.Properties : null }, decoded);
        Assert.Equal(expected * Rounds, allocated);
        var again = codec.Decode(bytes);
        Assert.Same(decoded.EventType, again.EventType);
        Assert.Same(decoded.Channel, again.Channel);
        Assert.Same(decoded.UserAgent, again.UserAgent);
        Assert.NotSame(decoded.EventId, again.EventId);
    }

    /// <summary>The strings a decode allocates: all but the pooled fields' (as long as those are short enough to pool).</summary>
    private static IEnumerable<string> StringsOf(ClickEvent clickEvent)
    {
        string?[] fields =
        [
            clickEvent.EventId, clickEvent.UserId, clickEvent.AnonymousId, clickEvent.ProductId, clickEvent.PageUrl,
            clickEvent.Referrer, clickEvent.DeviceId, clickEvent.IpAddress,
        ];
        string?[] labels = [clickEvent.EventType, clickEvent.Channel, clickEvent.Campaign];
        var properties = clickEvent.Properties ?? EventProperties.Empty;
        return fields.OfType<string>()
            .Concat(properties.Select(entry => entry.Value))
            .Concat(labels.OfType<string>().Concat(properties.Select(entry => entry.Key)).Where(text => text.Length > StringPool.Shared.MaxPooledLength))
            .Concat(new[] { clickEvent.UserAgent }.OfType<string>().Where(text => text.Length > StringPool.UserAgents.MaxPooledLength));
    }

    /// <summary>The bytes one call of <paramref name="allocate"/> allocates, once it has run (and compiled) before.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Allocated(Func<object> allocate)
    {
        _sink = allocate();
        var before = GC.GetAllocatedBytesForCurrentThread();
        _sink = allocate();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
