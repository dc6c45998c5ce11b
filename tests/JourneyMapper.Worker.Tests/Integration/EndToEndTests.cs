using System.Text;
using Confluent.Kafka;
using JourneyMapper.Journeys.Privacy;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Tools.Generator;
using Xunit;

namespace JourneyMapper.Worker.Tests.Integration;

/// <summary>The whole service over real Kafka clients and an embedded Kafka-protocol cluster.</summary>
public sealed class EndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task GeneratedClickstreamArrivesValidatedAndKeyedByCustomer()
    {
        await using var service = await ServiceFixture.StartAsync();
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions
        {
            Seed = 7,
            Customers = 50,
            StartTime = DateTimeOffset.UtcNow.AddDays(-1),
        });
        var input = generator.GenerateRaw(500).ToList();
        var producer = new ClickstreamProducer(service.Cluster.BootstrapServers, service.Topics.Input[0]);

        var produced = await producer.RunAsync(input);
        var output = service.Consume(ServiceFixture.ValidatedEventsTopic, input.Count, Patience);

        // Validated events are the input after the privacy step (ipAddress hashed, properties whitelisted).
        var privacy = new PrivacyFilter(new PrivacyOptions { Salt = ServiceFixture.Salt });
        Assert.Equal(input.Count, produced.Delivered);
        Assert.Equal(
            input.Select(record => (record.Key, Encoding.UTF8.GetString(
                JsonSerdes.ClickEvent.Serialize(privacy.Apply(JsonSerdes.ClickEvent.Deserialize(record.Value, isNull: false, default)), default)))).Order(),
            output.Select(record => (Encoding.UTF8.GetString(record.Message.Key!), Encoding.UTF8.GetString(record.Message.Value!))).Order());

        // Each event keeps its event time as the record timestamp downstream.
        Assert.All(output, record => Assert.Equal(EventTime(record.Message.Value!), record.Message.Timestamp.UnixTimestampMs));
    }

    [Fact(Timeout = 120_000)]
    public async Task MalformedRecordsGoToTheDeadLetterQueueWithTheirReasonAndProcessingGoesOn()
    {
        await using var service = await ServiceFixture.StartAsync();
        var topic = service.Topics.Input[0];
        var time = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        var first = Json($$"""{"eventId":"e1","timestamp":{{time}},"eventType":"page_view","userId":"u1"}""");
        var notJson = Json("this is not json");
        var noEventId = Json($$"""{"timestamp":{{time}},"eventType":"page_view","userId":"u1"}""");
        var last = Json($$"""{"eventId":"e2","timestamp":{{time + 1000}},"eventType":"search","userId":"u1"}""");

        // One key, so one partition: the order of the four records is the order the service sees.
        var key = Json("u1");
        var offsets = new List<long>();
        using (var producer = service.CreateProducer())
        {
            foreach (var value in new[] { first, notJson, noEventId, last })
            {
                var delivered = await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = key, Value = value });
                offsets.Add(delivered.Offset.Value);
            }
        }

        var valid = service.Consume(ServiceFixture.ValidatedEventsTopic, 2, Patience);
        var deadLetters = service.Consume(service.Topics.DeadLetterQueue, 2, Patience);

        Assert.Equal([first, last], valid.Select(record => record.Message.Value!));
        Assert.Equal(2, deadLetters.Count);
        AssertDeadLetter(deadLetters[0], key, notJson, "deserialization-error", topic, offsets[1]);
        AssertDeadLetter(deadLetters[1], key, noEventId, "missing-event-id", topic, offsets[2]);
        Assert.Equal("eventId is required", DeadLetterHeaders.Get(deadLetters[1].Message.Headers, DeadLetterHeaders.Message));
    }

    [Fact(Timeout = 120_000)]
    public async Task StoppingTheServiceCommitsEveryProcessedOffset()
    {
        await using var service = await ServiceFixture.StartAsync();
        var input = new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 11, StartTime = DateTimeOffset.UtcNow.AddDays(-1) }).GenerateRaw(300).ToList();
        await new ClickstreamProducer(service.Cluster.BootstrapServers, service.Topics.Input[0]).RunAsync(input);
        Assert.Equal(input.Count, service.Consume(ServiceFixture.ValidatedEventsTopic, input.Count, Patience).Count);

        await service.Host.StopAsync();

        Assert.Equal(input.Count, service.CommittedInputOffsets());
    }

    private static void AssertDeadLetter(ConsumeResult<byte[]?, byte[]?> record, byte[] key, byte[] value, string code, string topic, long offset)
    {
        var headers = record.Message.Headers;
        Assert.Equal(key, record.Message.Key);
        Assert.Equal(value, record.Message.Value);
        Assert.Equal(code, DeadLetterHeaders.Get(headers, DeadLetterHeaders.ErrorCode));
        Assert.Equal(topic, DeadLetterHeaders.Get(headers, DeadLetterHeaders.Topic));
        Assert.Equal(offset.ToString(System.Globalization.CultureInfo.InvariantCulture), DeadLetterHeaders.Get(headers, DeadLetterHeaders.Offset));
        Assert.NotNull(DeadLetterHeaders.Get(headers, DeadLetterHeaders.Partition));
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static long EventTime(byte[] value) =>
        System.Text.Json.JsonDocument.Parse(value).RootElement.GetProperty("timestamp").GetInt64();
}
