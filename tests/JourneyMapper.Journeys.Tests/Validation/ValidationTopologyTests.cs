using System.Text;
using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Validation;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Validation;

public sealed class ValidationTopologyTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private const string ValidatedEvents = "journey.validated-events";

    private static readonly JourneyTopics Topics = new() { ValidatedEvents = ValidatedEvents };

    private readonly TopologyTestDriver _driver;
    private readonly TestOutputTopic<string, ClickEvent> _validated;
    private readonly TestOutputTopic<byte[], byte[]> _deadLetters;

    public ValidationTopologyTests()
    {
        var options = new JourneyOptions { Topics = Topics, Privacy = new() { Salt = "test-salt-of-sixteen-plus-chars" } };
        var topology = JourneyTopology.Build(options, JourneySerdes.Json, new FixedClock(Now));
        _driver = new TopologyTestDriver(topology, new StreamsConfig
        {
            ApplicationId = "journeys-test",
            BootstrapServers = "unused:9092",
            DeadLetterQueueTopic = Topics.DeadLetterQueue,
            DeserializationExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
            ProcessingExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
        });
        _validated = _driver.CreateOutputTopic(ValidatedEvents, Deserializers.Utf8, JsonSerdes.ClickEvent);
        _deadLetters = _driver.CreateOutputTopic(Topics.DeadLetterQueue, Deserializers.ByteArray, Deserializers.ByteArray);
    }

    public void Dispose() => _driver.Dispose();

    [Fact]
    public void ValidatedEventsAreWrittenOutOnlyWhenATopicIsConfigured()
    {
        var options = new JourneyOptions { Privacy = new() { Salt = "test-salt-of-sixteen-plus-chars" } };

        var topology = JourneyTopology.Build(options, JourneySerdes.Json, new FixedClock(Now));

        Assert.DoesNotContain("journey.validated-events", topology.SinkTopics);
        Assert.DoesNotContain("journey.validated-events", options.Topics.All());
        Assert.Contains(ValidatedEvents, JourneyTopology.Build(options with { Topics = Topics }, JourneySerdes.Json, new FixedClock(Now)).SinkTopics);
    }

    [Fact]
    public void ValidEventIsKeyedByUserIdAndStampedWithItsEventTime()
    {
        var clickEvent = Valid() with { UserId = "user-1", AnonymousId = "anon-1" };
        Pipe("wrong-key", clickEvent, kafkaTimestamp: 5);

        var record = _validated.ReadRecord();
        Assert.Equal("user-1", record.Key);
        Assert.Equivalent(clickEvent, record.Value, strict: true);
        Assert.Equal(clickEvent.Timestamp, record.Timestamp);
        Assert.True(_deadLetters.IsEmpty);
    }

    [Fact]
    public void AnonymousEventIsKeyedByAnonymousId()
    {
        Pipe(null, Valid() with { UserId = null, AnonymousId = "anon-7" });

        Assert.Equal("anon-7", _validated.ReadRecord().Key);
    }

    [Fact]
    public void UnknownEventTypeIsKept()
    {
        Pipe("user-1", Valid() with { EventType = "wishlist_add" });

        Assert.Equal("wishlist_add", _validated.ReadValue().EventType);
    }

    public static TheoryData<string, ClickEvent> InvalidEvents => new()
    {
        { ValidationError.MissingEventId, Valid() with { EventId = null } },
        { ValidationError.MissingEventId, Valid() with { EventId = " " } },
        { ValidationError.MissingCustomerId, Valid() with { UserId = null, AnonymousId = null } },
        { ValidationError.MissingCustomerId, Valid() with { UserId = "", AnonymousId = "" } },
        { ValidationError.MissingEventType, Valid() with { EventType = null } },
        { ValidationError.MissingTimestamp, Valid() with { Timestamp = null } },
        { ValidationError.TimestampOutOfRange, Valid() with { Timestamp = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds() } },
        { ValidationError.TimestampOutOfRange, Valid() with { Timestamp = Now.AddHours(1).AddMilliseconds(1).ToUnixTimeMilliseconds() } },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public void InvalidEventGoesToTheDeadLetterQueueAsItsOriginalBytes(string expectedCode, ClickEvent clickEvent)
    {
        var bytes = JsonSerdes.ClickEvent.Serialize(clickEvent, default);
        _driver.PipeRaw(Topics.Input[0], Encoding.UTF8.GetBytes("key-1"), bytes, timestamp: 42);

        var deadLetter = _deadLetters.ReadRecord();
        Assert.Equal("key-1", Encoding.UTF8.GetString(deadLetter.Key));
        Assert.Equal(bytes, deadLetter.Value);
        Assert.Equal(42, deadLetter.Timestamp);
        Assert.Equal(expectedCode, DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.ErrorCode));
        Assert.Equal(Topics.Input[0], DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.Topic));
        Assert.Equal("0", DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.Partition));
        Assert.Equal("0", DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.Offset));
        Assert.True(_validated.IsEmpty);
    }

    [Fact]
    public void TimestampsAtTheEdgesOfTheAcceptedRangeAreValid()
    {
        Pipe("u", Valid() with { EventId = "earliest", Timestamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() });
        Pipe("u", Valid() with { EventId = "latest", Timestamp = Now.AddHours(1).ToUnixTimeMilliseconds() });

        Assert.Equal(["earliest", "latest"], _validated.ReadRecordsToList().Select(r => r.Value.EventId));
    }

    [Fact]
    public void MalformedJsonGoesToTheDeadLetterQueueAndProcessingGoesOn()
    {
        var garbage = Encoding.UTF8.GetBytes("{\"eventId\": ");
        _driver.PipeRaw(Topics.Input[0], null, garbage, timestamp: 1);
        Pipe("user-1", Valid());

        var deadLetter = _deadLetters.ReadRecord();
        Assert.Equal(garbage, deadLetter.Value);
        Assert.Equal("deserialization-error", DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.ErrorCode));
        Assert.Equivalent(Valid(), _validated.ReadValue(), strict: true);
    }

    [Fact]
    public void TombstoneGoesToTheDeadLetterQueue()
    {
        _driver.PipeRaw(Topics.Input[0], Encoding.UTF8.GetBytes("user-1"), null, timestamp: 1);

        var deadLetter = _deadLetters.ReadRecord();
        Assert.Null(deadLetter.Value);
        Assert.Equal(ValidationError.MissingValue, DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.ErrorCode));
    }

    [Fact]
    public void IsoTimestampIsReadAsEventTime()
    {
        var json = """{"eventId":"e1","timestamp":"2026-11-22T10:00:00Z","eventType":"page_view","userId":"u1"}""";
        _driver.PipeRaw(Topics.Input[0], null, Encoding.UTF8.GetBytes(json), timestamp: 1);

        var record = _validated.ReadRecord();
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), record.Timestamp);
    }

    private static ClickEvent Valid() => new()
    {
        EventId = "evt-1",
        Timestamp = Now.AddMinutes(-5).ToUnixTimeMilliseconds(),
        EventType = "product_view",
        UserId = "user-1",
        ProductId = "p-1",
        Properties = new Dictionary<string, string> { ["currency"] = "EUR" },
    };

    private void Pipe(string? key, ClickEvent clickEvent, long kafkaTimestamp = 0) =>
        _driver.PipeRaw(Topics.Input[0], key is null ? null : Encoding.UTF8.GetBytes(key), JsonSerdes.ClickEvent.Serialize(clickEvent, default), kafkaTimestamp);
}
