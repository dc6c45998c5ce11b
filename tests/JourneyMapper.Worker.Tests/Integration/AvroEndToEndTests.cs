using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Tools.SchemaRegistry;
using Xunit;

namespace JourneyMapper.Worker.Tests.Integration;

/// <summary>
/// The service configured for Avro, over real Kafka clients, the embedded cluster and the in-process schema registry
/// (with Confluent's Avro compatibility rules), fed Confluent-framed records as a Confluent producer writes them.
/// </summary>
public sealed class AvroEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string InputSubject = "clickstream.events-value";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private InProcessSchemaRegistry _registry = null!;
    private SchemaRegistryClient _client = null!;
    private AvroSerde<ClickEvent> _serde = null!;

    public async Task InitializeAsync()
    {
        _registry = await InProcessSchemaRegistry.StartAsync(new InProcessSchemaRegistryOptions
        {
            CompatibilityChecker = AvroCompatibilityChecker.Instance,
            NormalizeSchema = AvroCompatibilityChecker.NormalizeSchema,
        });

        // The producers' own client: the service shares no cache with it.
        _client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = _registry.Url });
        _serde = AvroRecordSerdes.ClickEvent(_client);
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task UnreadableRecordsAreDeadLetteredUnderTheSerdesCodeAndValidOnesComeOutExactly()
    {
        await using var service = await StartServiceAsync();
        var topic = service.Topics.Input[0];
        var events = Enumerable.Range(1, 4).Select(i => Click($"e{i}", "u1", i)).ToList();
        var valid = await Task.Run(() => events.Select(click => _serde.Serialize(click, new SerializationContext(MessageComponentType.Value, topic))).ToList());
        var writerId = SchemaId(valid[0]);
        var notFramed = Encoding.UTF8.GetBytes("""{"eventId":"e-json","timestamp":1,"eventType":"page_view","userId":"u1"}""");
        var unknownId = ConfluentWireFormat.Write(99_999, valid[1].AsSpan(ConfluentWireFormat.HeaderSize));
        var cutOff = valid[2][..^3];

        // One key, so one partition: the service sees the records in this order.
        var key = Encoding.UTF8.GetBytes("u1");
        var offsets = new List<long>();
        using (var producer = service.CreateProducer())
        {
            foreach (var value in new[] { valid[0], notFramed, valid[1], unknownId, valid[2], cutOff, valid[3] })
            {
                offsets.Add((await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = key, Value = value })).Offset.Value);
            }
        }

        var output = service.Consume(ServiceFixture.ValidatedEventsTopic, events.Count, Patience);
        var deadLetters = service.Consume(service.Topics.DeadLetterQueue, 3, Patience);

        var outputId = (await _client.GetLatestSchemaAsync("journey.validated-events-value")).Id;
        Assert.Equal(events, output.Select(record => Decode(record.Message.Value!, ServiceFixture.ValidatedEventsTopic)));
        Assert.All(output, record => Assert.Equal(key, record.Message.Key));
        Assert.All(output, record => Assert.Equal(outputId, SchemaId(record.Message.Value!)));
        Assert.Equal(writerId, outputId);
        Assert.Equal(3, deadLetters.Count);
        AssertDeadLetter(
            deadLetters[0], key, notFramed, "unknown-magic-byte", topic, offsets[1],
            "could not deserialize the record value: clickstream.events value: Unknown magic byte 0x7B: expected 0x00; "
            + "the message is not framed for a schema registry, or uses a newer framing.");
        AssertDeadLetter(
            deadLetters[1], key, unknownId, "unknown-schema-id", topic, offsets[3],
            "could not deserialize the record value: clickstream.events value: schema id 99999 is not in the registry: "
            + $"GET {_registry.Url}/schemas/ids/99999 failed: HTTP 404, error code 40403: Schema 99999 not found");
        AssertDeadLetter(
            deadLetters[2], key, cutOff, "malformed-body", topic, offsets[5],
            $"could not deserialize the record value: clickstream.events value: the body does not decode as ClickEvent under writer schema id {writerId}: ",
            exact: false);
    }

    [Fact(Timeout = 60_000)]
    public async Task ARegistryOutageStallsRecordsOfAnUncachedSchemaIdUntilItIsBackWithoutLossOrDuplicates()
    {
        await using var service = await StartServiceAsync();
        var topic = service.Topics.Input[0];
        var context = new SerializationContext(MessageComponentType.Value, topic);
        var before = Enumerable.Range(0, 6).Select(i => Click($"before-{i}", $"u{i}", i)).ToList();
        var during = Enumerable.Range(0, 24).Select(i => Click($"during-{i}", $"u{i % 6}", 100 + i)).ToList();

        // A producer upgraded to the next schema version (an optional field added, BACKWARD compatible): its id is new to the service.
        var v2Id = await _client.RegisterSchemaAsync(InputSubject, WithOptionalField(ClickEventAvroCodec.Instance.SchemaJson, "experiment"));
        var v1Records = await Task.Run(() => before.Select(click => _serde.Serialize(click, context)).ToList());
        var v2Records = await Task.Run(() => during.Select(click => V2(_serde.Serialize(click, context), v2Id)).ToList());
        using var producer = service.CreateProducer();
        await ProduceAsync(producer, topic, before, v1Records);
        Assert.Equal(before.Count, service.Consume(ServiceFixture.ValidatedEventsTopic, before.Count, Patience).Count);

        _registry.SetUnavailable(true);
        var requestsBefore = _registry.RequestCount;
        await ProduceAsync(producer, topic, during, v2Records);
        var duringOutage = service.Consume(ServiceFixture.ValidatedEventsTopic, before.Count + 1, TimeSpan.FromSeconds(4));
        var askedDuringOutage = _registry.RequestCount - requestsBefore;
        _registry.SetUnavailable(false);

        var output = service.Consume(ServiceFixture.ValidatedEventsTopic, before.Count + during.Count, Patience);
        var deadLetters = service.Consume(service.Topics.DeadLetterQueue, 1, TimeSpan.FromSeconds(2));

        Assert.Equal(before.Count, duringOutage.Count);
        Assert.True(askedDuringOutage >= 2, $"the service asked the registry {askedDuringOutage} time(s) during the outage; it should keep retrying");
        Assert.Equal(
            before.Concat(during).OrderBy(click => click.EventId, StringComparer.Ordinal),
            output.Select(record => Decode(record.Message.Value!, ServiceFixture.ValidatedEventsTopic)).OrderBy(click => click.EventId, StringComparer.Ordinal));
        Assert.Empty(deadLetters);
    }

    private async Task<ServiceFixture> StartServiceAsync() => await ServiceFixture.StartAsync(new Dictionary<string, string?>
    {
        ["JourneyMapper:Serialization:Format"] = "Avro",
        ["JourneyMapper:SchemaRegistry:Url"] = _registry.Url,

        // Short waits, so an outage shows within the test's patience: one quick retry per attempt, then the
        // runtime's own backoff (at most a second) between attempts at the stalled record.
        ["JourneyMapper:SchemaRegistry:MaxRetries"] = "1",
        ["JourneyMapper:SchemaRegistry:InitialBackoff"] = "00:00:00.050",
        ["JourneyMapper:SchemaRegistry:MaxBackoff"] = "00:00:00.100",
        ["JourneyMapper:Streams:MaxRetryBackoffMs"] = "1000",
    });

    private static async Task ProduceAsync(IProducer<byte[]?, byte[]?> producer, string topic, List<ClickEvent> events, List<byte[]> values)
    {
        for (var i = 0; i < events.Count; i++)
        {
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(events[i].UserId!), Value = values[i] });
        }
    }

    // Events the privacy step passes unchanged (no IP address, no query strings, no properties), a few minutes old.
    private static ClickEvent Click(string eventId, string userId, int second) => new()
    {
        EventId = eventId,
        Timestamp = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds() + (second * 1000L),
        EventType = "product_view",
        UserId = userId,
        Channel = "web",
        ProductId = "p-" + second.ToString(CultureInfo.InvariantCulture),
        PageUrl = "https://shop.example.com/p/" + second.ToString(CultureInfo.InvariantCulture),
    };

    private ClickEvent Decode(byte[] value, string topic) =>
        _serde.Deserialize(value, isNull: false, new SerializationContext(MessageComponentType.Value, topic));

    private static int SchemaId(byte[] message) => BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1, 4));

    private static string WithOptionalField(string schema, string field)
    {
        var record = JsonNode.Parse(schema)!.AsObject();
        record["fields"]!.AsArray().Add(new JsonObject { ["name"] = field, ["type"] = new JsonArray("null", "string"), ["default"] = null });
        return record.ToJsonString();
    }

    // A record of the schema with one more optional field at the end: the same bytes plus that field's null (union branch 0).
    private static byte[] V2(byte[] v1Message, int v2Id) =>
        ConfluentWireFormat.Write(v2Id, [.. v1Message.AsSpan(ConfluentWireFormat.HeaderSize), 0]);

    private static void AssertDeadLetter(
        ConsumeResult<byte[]?, byte[]?> record, byte[] key, byte[] value, string code, string topic, long offset, string message, bool exact = true)
    {
        var headers = record.Message.Headers;
        Assert.Equal(key, record.Message.Key);
        Assert.Equal(value, record.Message.Value);
        Assert.Equal(code, DeadLetterHeaders.Get(headers, DeadLetterHeaders.ErrorCode));
        var actual = DeadLetterHeaders.Get(headers, DeadLetterHeaders.Message);
        if (exact)
        {
            Assert.Equal(message, actual);
        }
        else
        {
            // The codec's own words follow, e.g. "string length 12 exceeds the 7 bytes left".
            Assert.StartsWith(message, actual, StringComparison.Ordinal);
        }

        Assert.Equal(typeof(StreamsDeserializationException).FullName, DeadLetterHeaders.Get(headers, DeadLetterHeaders.Exception));
        Assert.Equal(topic, DeadLetterHeaders.Get(headers, DeadLetterHeaders.Topic));
        Assert.Equal(offset.ToString(CultureInfo.InvariantCulture), DeadLetterHeaders.Get(headers, DeadLetterHeaders.Offset));
    }
}
