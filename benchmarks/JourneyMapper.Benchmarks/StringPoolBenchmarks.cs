using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// Two fields of a ClickEvent as the Avro reader decodes them: as a new string each time, which is each category's ratio
/// baseline, and from a <see cref="StringPool"/>, as <c>ClickEventAvroCodec</c> reads them. The event type from the
/// labels' pool (<see cref="StringPool.Shared"/>); the user agent, a desktop browser's of 111 characters as the load
/// harness's generator sends on most events, from <see cref="StringPool.UserAgents"/>. The pools have seen both values,
/// as they have in steady state.
/// </summary>
[Config(typeof(MicroBenchmarkConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StringPoolBenchmarks
{
    private const string EventType = "product_view";
    private const string UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36";

    private byte[] _eventType = null!;
    private byte[] _userAgent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _eventType = Encode(EventType);
        _userAgent = Encode(UserAgent);
        _ = EventTypePooled();
        _ = UserAgentPooled();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("EventType")]
    public string EventTypeDecoded() => Read(_eventType, pool: null);

    [Benchmark]
    [BenchmarkCategory("EventType")]
    public string EventTypePooled() => Read(_eventType, StringPool.Shared);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("UserAgent")]
    public string UserAgentDecoded() => Read(_userAgent, pool: null);

    [Benchmark]
    [BenchmarkCategory("UserAgent")]
    public string UserAgentPooled() => Read(_userAgent, StringPool.UserAgents);

    private static string Read(byte[] encoded, StringPool? pool)
    {
        var reader = new AvroReader(encoded);
        return reader.ReadString(pool);
    }

    private static byte[] Encode(string value)
    {
        var writer = new AvroWriter(256);
        writer.WriteString(value);
        return writer.ToArray();
    }
}
