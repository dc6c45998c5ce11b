using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Confluent.Kafka;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// One typical ClickEvent (about 200 bytes of Avro) encoded and decoded by the hand-written Avro codec, body only
/// and in Confluent framing through <see cref="AvroSerde{T}"/> (schema id cached, as in steady state), against
/// the JSON serde the topology uses today, which is each category's ratio baseline. With
/// <see cref="WithProperties"/> false the event has no properties map, which isolates the map's allocations.
/// </summary>
[Config(typeof(MicroBenchmarkConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClickEventCodecBenchmarks : IDisposable
{
    private static readonly SerializationContext Value = new(MessageComponentType.Value, "clickstream.events");

    private readonly ClickEventAvroCodec _codec = ClickEventAvroCodec.Instance;
    private AvroWriter _writer = null!;
    private AvroSerde<ClickEvent> _serde = null!;
    private ClickEvent _event = null!;
    private byte[] _json = null!;
    private byte[] _body = null!;
    private byte[] _framed = null!;

    [Params(true, false)]
    public bool WithProperties { get; set; }

    public static ClickEvent TypicalEvent(bool withProperties) => new()
    {
        EventId = "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11",
        Timestamp = 1_732_270_000_123,
        EventType = "product_view",
        UserId = "user-48213",
        Channel = "web",
        ProductId = "sku-100234",
        PageUrl = "https://shop.example.com/p/sku-100234",
        Referrer = "https://www.example.org/",
        DeviceId = "dev-9f3e",
        Properties = withProperties ? new Dictionary<string, string> { ["currency"] = "EUR", ["price"] = "49.90" } : null,
    };

    [GlobalSetup]
    public void Setup()
    {
        _event = TypicalEvent(WithProperties);
        _writer = new AvroWriter(512);
        _serde = AvroRecordSerdes.ClickEvent(new InMemoryRegistry());
        _json = JsonSerdes.ClickEvent.Serialize(_event, Value);
        _body = _codec.Encode(_event);
        _framed = _serde.Serialize(_event, Value);

        // Warm the serde's caches so the measured calls are the steady state, not the first record's registry trip.
        _serde.Deserialize(_framed, isNull: false, Value);
        Console.WriteLine($"// ClickEvent sizes: Avro body {_body.Length} B, framed {_framed.Length} B, JSON {_json.Length} B");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Encode")]
    public byte[] JsonSerialize() => JsonSerdes.ClickEvent.Serialize(_event, Value);

    /// <summary>Into a reused writer: what a producer pipeline that owns its buffer pays.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int AvroEncodeBody()
    {
        _writer.Reset();
        _codec.Write(_writer, _event);
        return _writer.Length;
    }

    /// <summary>To a new framed byte[], as Confluent's ISerializer must return.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public byte[] AvroSerializeFramed() => _serde.Serialize(_event, Value);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Decode")]
    public ClickEvent JsonDeserialize() => JsonSerdes.ClickEvent.Deserialize(_json, isNull: false, Value);

    [Benchmark]
    [BenchmarkCategory("Decode")]
    public ClickEvent AvroDecodeBody() => _codec.Decode(_body);

    [Benchmark]
    [BenchmarkCategory("Decode")]
    public ClickEvent AvroDeserializeFramed() => _serde.Deserialize(_framed, isNull: false, Value);

    // BenchmarkDotNet derives its runner from this class, so it cannot be sealed and needs the full pattern.
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer?.Dispose();
        }
    }
}
