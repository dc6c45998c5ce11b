using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

/// <summary>
/// Confluent's <c>Headers</c> is mutable. A real producer copies headers when a record is sent, so what a
/// topic holds is fixed at that moment; the test driver must show the same, or tests see header changes
/// that production never writes.
/// </summary>
public sealed class HeaderIsolationTests
{
    private static readonly Consumed<string, string> StringsIn = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void HeaderAddedDownstreamDoesNotReachARecordAlreadyWrittenBySiblingSink()
    {
        var builder = new StreamBuilder();
        var stream = builder.Stream("in", StringsIn);
        stream.To("raw", StringsOut);
        stream.Process(() => new StampingProcessor()).To("stamped", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("in").PipeInput("k", "v", 1, TestSupport.Headers(("trace", "t-1")));

        Assert.Equal([("trace", "t-1"), ("stamp", "yes")], driver.StringOutput("stamped").ReadRecord().Headers.Pairs());
        // "raw" was sent before the stamp was added; a producer would have written it without the stamp.
        Assert.Equal([("trace", "t-1")], driver.StringOutput("raw").ReadRecord().Headers.Pairs());
    }

    [Fact]
    public void ReusingTheHeadersOfAnEarlierPipeDoesNotRewriteItsOutput()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.StringInput("in");
        var headers = TestSupport.Headers(("attempt", "1"));

        input.PipeInput("k", "first", 1, headers);
        headers.Remove("attempt");
        headers.Add("attempt", TestSupport.Utf8("2"));
        input.PipeInput("k", "second", 2, headers);

        var records = driver.StringOutput("out").ReadRecordsToList();
        Assert.Equal([("attempt", "1")], records[0].Headers.Pairs());
        Assert.Equal([("attempt", "2")], records[1].Headers.Pairs());
    }

    [Fact]
    public void ARecordForwardedWithoutHeadersIsReadWithNone()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", StringsIn).Process(() => new HeaderDroppingProcessor()).To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.StringInput("in").PipeInput("k", "v", 1, TestSupport.Headers(("trace", "t-1")));

        // As a consumer reads such a record: with an empty set of headers, not without one.
        var record = driver.StringOutput("out").ReadRecord();
        Assert.NotNull(record.Headers);
        Assert.Empty(record.Headers);
        Assert.Equal(("k", "v", 1L), (record.Key, record.Value, record.Timestamp));
    }

    private sealed class HeaderDroppingProcessor : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record) => _context!.Forward(new Record<string, string>(record.Key, record.Value, record.Timestamp));
    }

    private sealed class StampingProcessor : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record)
        {
            record.Headers!.Add("stamp", TestSupport.Utf8("yes"));
            _context!.Forward(record);
        }
    }
}
