using JourneyMapper.Journeys.Dedup;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;
using Confluent.Kafka;

namespace JourneyMapper.Journeys.Tests.Dedup;

/// <summary>A small run through the test driver: events keyed by customer in, first arrivals out.</summary>
internal sealed class DedupRun : IDisposable
{
    private const string ApplicationId = "journeys-test";
    private const string StoreName = "dedup";
    private readonly TopologyTestDriver _driver;
    private readonly TestInputTopic<string, ClickEvent> _input;
    private readonly TestOutputTopic<string, ClickEvent> _output;
    private readonly List<(string Customer, string EventId, long Timestamp, string? Tag)> _read = [];

    public DedupRun(DeduplicationOptions? options = null)
    {
        _driver = new TopologyTestDriver(
            BuildTopology(options ?? new DeduplicationOptions()),
            new StreamsConfig { ApplicationId = ApplicationId, BootstrapServers = "unused:9092" });
        _input = _driver.CreateInputTopic("events", Serializers.Utf8, JsonSerdes.ClickEvent);
        _output = _driver.CreateOutputTopic("deduplicated", Deserializers.Utf8, JsonSerdes.ClickEvent);
    }

    public long DuplicatesDropped => _driver.Metrics.Get(DeduplicateEvents.DuplicatesDropped, "deduplicate-events");

    public IDeduplicationStore Store => _driver.GetStateStore<IDeduplicationStore>(StoreName);

    public static Topology BuildTopology(DeduplicationOptions options)
    {
        var builder = new StreamBuilder();
        var clickEvents = Serdes.From(JsonSerdes.ClickEvent, JsonSerdes.ClickEvent);
        builder
            .Stream("events", Consumed.With(Serdes.String, clickEvents) with { TimestampExtractor = (_, clickEvent, kafkaTime) => clickEvent?.Timestamp ?? kafkaTime })
            .Deduplicate(builder, options)
            .To("deduplicated", Produced.With(Serdes.String, clickEvents));
        return builder.Build();
    }

    /// <summary>An event; the tag (its page URL) tells copies of one eventId apart.</summary>
    public void Pipe(string customer, string eventId, long timestamp, string? tag = null) =>
        _input.PipeInput(customer, Event(customer, eventId, timestamp, tag), timestamp: 0);

    public static ClickEvent Event(string customer, string eventId, long timestamp, string? tag) =>
        new() { EventId = eventId, Timestamp = timestamp, EventType = "page_view", UserId = customer, PageUrl = tag };

    public List<(string Customer, string EventId, long Timestamp, string? Tag)> Output()
    {
        _read.AddRange(_output.ReadRecordsToList().Select(record => (record.Key, record.Value.EventId!, record.Timestamp, record.Value.PageUrl)));
        return _read;
    }

    public List<TestRecord<byte[], byte[]>> Changelog() =>
        _driver.CreateOutputTopic($"{ApplicationId}-{StoreName}-changelog", Deserializers.ByteArray, Deserializers.ByteArray).ReadRecordsToList();

    /// <summary>
    /// Replays changelog records into the store as a restarted task's restore does. The test driver has no
    /// restart, and the runtime's restore interface is internal: it is reached by name, and bound to a delegate
    /// because reflection cannot pass its span arguments.
    /// </summary>
    public void Restore(IEnumerable<TestRecord<byte[], byte[]>> changelog)
    {
        var store = Store;
        var restore = store.GetType().GetInterfaces().Single(type => type.Name == "IRestorableStore").GetMethod("Restore")!
            .CreateDelegate<RestoreRecord>(store);
        foreach (var record in changelog)
        {
            restore(record.Key, record.Value, record.Value is null);
        }
    }

    private delegate void RestoreRecord(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone);

    public void Dispose() => _driver.Dispose();
}
