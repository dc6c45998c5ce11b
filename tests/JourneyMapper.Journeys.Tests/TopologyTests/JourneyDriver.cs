using Confluent.Kafka;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>The journey topology on the test driver with JSON serdes, and the topics a test reads.</summary>
internal sealed class JourneyDriver : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Event times start six hours before the wall clock, so no test event is "in the future".</summary>
    public static readonly long T0 = Now.AddHours(-6).ToUnixTimeMilliseconds();

    private readonly TestInputTopic<string, ClickEvent> _clicks;
    private readonly TestInputTopic<string, UserProfile> _profiles;
    private readonly TestOutputTopic<string, JourneySegment> _segments;
    private readonly TestOutputTopic<string, JourneySegment> _updates;
    private readonly TestOutputTopic<string, ClickEvent> _late;
    private readonly TestOutputTopic<string, JourneySegment> _alerts;
    private int _sequence;

    public JourneyDriver(JourneyOptions? options = null, IEnumerable<IJourneyTopologyExtension>? extensions = null)
    {
        Options = options ?? TestOptions();
        Driver = new TopologyTestDriver(JourneyTopology.Build(Options, JourneySerdes.Json, new FixedClock(Now), extensions), new StreamsConfig
        {
            ApplicationId = "journeys-test",
            BootstrapServers = "unused:9092",
            DeadLetterQueueTopic = Options.Topics.DeadLetterQueue,
            DeserializationExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
            ProcessingExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
        }, Now);
        var topics = Options.Topics;
        _clicks = Driver.CreateInputTopic(topics.Input[0], Serializers.Utf8, JsonSerdes.ClickEvent);
        _profiles = Driver.CreateInputTopic(topics.Profiles, Serializers.Utf8, JsonSerdes.UserProfile);
        _segments = Output<JourneySegment>(topics.Segments);
        _updates = Output<JourneySegment>(topics.SessionUpdates);
        _late = Output<ClickEvent>(topics.LateEvents);
        _alerts = Output<JourneySegment>(topics.Alerts);
    }

    public JourneyOptions Options { get; }

    public TopologyTestDriver Driver { get; }

    public static JourneyOptions TestOptions() => new()
    {
        Privacy = new Journeys.Privacy.PrivacyOptions { Salt = "test-salt-of-sixteen-plus-chars" },
        Sessions = new Journeys.Sessions.SessionOptions { WallClockClose = false },
    };

    /// <summary>An event of <paramref name="customer"/> at <c>T0 + minutes</c>.</summary>
    public ClickEvent Event(string customer, double minutes, string type = "page_view", string? product = null, string? id = null) => new()
    {
        EventId = id ?? $"e-{Interlocked.Increment(ref _sequence):D5}",
        Timestamp = T0 + (long)(minutes * 60_000),
        EventType = type,
        UserId = customer,
        ProductId = product,
    };

    /// <summary>Sends an event keyed by its customer id (or by <paramref name="key"/>, to test re-keying).</summary>
    public ClickEvent Send(ClickEvent clickEvent, string? key = null)
    {
        _clicks.PipeInput(key ?? clickEvent.CustomerId!, clickEvent, clickEvent.Timestamp ?? 0);
        return clickEvent;
    }

    public ClickEvent Send(string customer, double minutes, string type = "page_view", string? product = null, string? id = null) =>
        Send(Event(customer, minutes, type, product, id));

    public void Profile(string userId, UserProfile? profile, double minutes = 0) =>
        _profiles.PipeInput(userId, profile!, T0 + (long)(minutes * 60_000));

    /// <summary>Moves stream time far enough that every session ending by <c>T0 + minutes</c> closes.</summary>
    public void AdvanceStreamTimePast(double minutes) => Send("clock-advancer", minutes + 32.001);

    public List<JourneySegment> Segments(bool includeClockAdvancer = false) =>
        _segments.ReadRecordsToList().Select(record => record.Value).Where(s => includeClockAdvancer || s.UserId != "clock-advancer").ToList();

    public List<JourneySegment> Updates() => _updates.ReadRecordsToList().Select(record => record.Value).ToList();

    public List<TestRecord<string, ClickEvent>> Late() => _late.ReadRecordsToList();

    public List<TestRecord<byte[], byte[]>> DeadLetters() =>
        Driver.CreateOutputTopic(Options.Topics.DeadLetterQueue, Deserializers.ByteArray, Deserializers.ByteArray).ReadRecordsToList();

    public List<JourneySegment> Alerts() => _alerts.ReadRecordsToList().Select(record => record.Value).ToList();

    public TestOutputTopic<string, TValue> Output<TValue>(string topic)
        where TValue : class
    {
        IDeserializer<TValue> deserializer = typeof(TValue) == typeof(ClickEvent)
            ? (IDeserializer<TValue>)(object)JsonSerdes.ClickEvent
            : (IDeserializer<TValue>)(object)JsonSerdes.JourneySegment;
        return Driver.CreateOutputTopic(topic, Deserializers.Utf8, deserializer);
    }

    public void Dispose() => Driver.Dispose();
}
