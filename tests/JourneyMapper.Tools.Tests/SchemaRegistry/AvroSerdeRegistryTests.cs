using System.Buffers.Binary;
using Confluent.Kafka;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

/// <summary>The Avro serdes against the in-process registry over HTTP, as the dev mode and integration tests run them.</summary>
public sealed class AvroSerdeRegistryTests : IAsyncLifetime, IDisposable
{
    private const int TestTimeoutMs = 30_000;
    private const string Topic = "clickstream.events";
    private static readonly SerializationContext Value = new(MessageComponentType.Value, Topic);

    private InProcessSchemaRegistryHandle _handle = null!;

    private SchemaRegistryClient Client => _handle.Client;

    public async Task InitializeAsync() => _handle = await InProcessSchemaRegistryHandle.StartAsync();

    public async Task DisposeAsync() => await _handle.Registry.DisposeAsync();

    public void Dispose() => _handle.Client.Dispose();

    private static ClickEvent Click(string id = "e-1") => new()
    {
        EventId = id,
        Timestamp = 1_732_270_000_123,
        EventType = "add_to_cart",
        UserId = "user-1",
        Campaign = "spring",
        Properties = new Dictionary<string, string> { ["currency"] = "EUR" },
    };

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RegistersUnderTheTopicSubjectFramesWithItsIdAndCachesIt()
    {
        var serde = AvroRecordSerdes.ClickEvent(Client);

        var message = await Task.Run(() => serde.Serialize(Click(), Value));

        var latest = await Client.GetLatestSchemaAsync("clickstream.events-value");
        Assert.Equal(1, latest.Version);
        Assert.Equal(ClickEventAvroCodec.Instance.SchemaJson, latest.Schema);
        Assert.Equal(0, message[0]);
        Assert.Equal(latest.Id, BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1, 4)));

        var reader = AvroRecordSerdes.ClickEvent(Client);
        var requests = _handle.Registry.RequestCount;
        for (var i = 0; i < 10; i++)
        {
            await Task.Run(() => serde.Serialize(Click($"e-{i}"), Value));
            Assert.Equivalent(Click(), await Task.Run(() => reader.Deserialize(message, isNull: false, Value)), strict: true);
        }

        // The reader's client had cached the schema text when registering; a fresh client would ask once.
        Assert.InRange(_handle.Registry.RequestCount - requests, 0, 1);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task WithAutoRegistrationOffOnlyARegisteredSchemaIsUsed()
    {
        var options = new AvroSerdeOptions { AutoRegisterSchemas = false };
        var serde = AvroRecordSerdes.ClickEvent(Client, options);

        var error = await Task.Run(() => Assert.Throws<AvroSerdeException>(() => serde.Serialize(Click(), Value)));
        Assert.Equal(AvroSerdeError.SchemaNotRegistered, error.Reason);
        Assert.Empty(await Client.GetSubjectsAsync());

        var id = await Client.RegisterSchemaAsync("clickstream.events-value", RecordSchemas.ReadText("ClickEvent.avsc"));
        var message = await Task.Run(() => AvroRecordSerdes.ClickEvent(Client, options).Serialize(Click(), Value));

        // The .avsc text and the serde's compact JSON normalize alike, so the lookup finds the registered version.
        Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1, 4)));
        Assert.Equal(1, (await Client.GetLatestSchemaAsync("clickstream.events-value")).Version);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task DataOfTheOlderSchemaReadsWithDefaultsAndTheCurrentSchemaRegistersAsTheNextVersion()
    {
        var old = RecordSchemas.ReadText("ClickEvent.avsc").Replace(
            """{ "name": "campaign", "type": ["null", "string"], "default": null, "doc": "Marketing campaign attributed to the event." },""",
            string.Empty,
            StringComparison.Ordinal);
        var oldSchema = (RecordSchema)AvroSchema.Parse(old);
        Assert.Null(oldSchema.GetField("campaign"));
        var oldId = await Client.RegisterSchemaAsync("clickstream.events-value", old);
        var written = new GenericRecord(oldSchema)
        {
            ["eventId"] = "e-old",
            ["timestamp"] = 5L,
            ["eventType"] = "page_view",
            ["anonymousId"] = "a-1",
        };
        var message = ConfluentWireFormat.Write(oldId, GenericDatumWriter.For(oldSchema).Serialize(written));
        var serde = AvroRecordSerdes.ClickEvent(Client);

        var read = await Task.Run(() => serde.Deserialize(message, isNull: false, Value));

        Assert.Equivalent(new ClickEvent { EventId = "e-old", Timestamp = 5, EventType = "page_view", AnonymousId = "a-1" }, read, strict: true);

        // BACKWARD with the Avro checker: the current schema (adding an optional field) is accepted as version 2.
        var current = await Task.Run(() => serde.Serialize(Click(), Value));
        Assert.NotEqual(oldId, BinaryPrimitives.ReadInt32BigEndian(current.AsSpan(1, 4)));
        Assert.Equal(2, (await Client.GetLatestSchemaAsync("clickstream.events-value")).Version);
        Assert.Equivalent(Click(), await Task.Run(() => serde.Deserialize(current, isNull: false, Value)), strict: true);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnIncompatibleSubjectRefusesTheSchemaLastingly()
    {
        await Client.RegisterSchemaAsync(
            "clickstream.events-value",
            """{"type":"record","name":"ClickEvent","namespace":"io.journeymapper.events","fields":[{"name":"eventId","type":"int"}]}""");
        var serde = AvroRecordSerdes.ClickEvent(Client);

        var error = await Task.Run(() => Assert.Throws<AvroSerdeException>(() => serde.Serialize(Click(), Value)));

        Assert.Equal(AvroSerdeError.RegistrationRefused, error.Reason);
        Assert.Contains("/fields/eventId", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RecordsThatCanNeverBeReadAreDeadLetterWorthyEachWithItsReason()
    {
        var serde = AvroRecordSerdes.ClickEvent(Client);
        var good = await Task.Run(() => serde.Serialize(Click(), Value));
        var reader = AvroRecordSerdes.ClickEvent(Client);

        AvroSerdeException Read(byte[] message) =>
            Assert.Throws<AvroSerdeException>(() => reader.Deserialize(message, isNull: false, Value));

        var unknownId = await Task.Run(() => Read(ConfluentWireFormat.Write(9_999, good.AsSpan(5))));
        var magic = await Task.Run(() => Read([1, .. good[1..]]));
        var json = await Task.Run(() => Read("""{"eventId":"e-1"}"""u8.ToArray()));
        var body = await Task.Run(() => Read(good[..^2]));

        Assert.Equal((AvroSerdeError.UnknownSchemaId, "unknown-schema-id"), (unknownId.Reason, unknownId.Code));
        Assert.True(Assert.IsType<SchemaRegistryException>(unknownId.InnerException).IsSchemaNotFound);
        Assert.Equal((AvroSerdeError.UnknownMagicByte, "unknown-magic-byte"), (magic.Reason, magic.Code));
        Assert.Equal((AvroSerdeError.UnknownMagicByte, "unknown-magic-byte"), (json.Reason, json.Code));
        Assert.Equal((AvroSerdeError.MalformedBody, "malformed-body"), (body.Reason, body.Code));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnUnavailableRegistryIsTransientAndTheRecordReadsOnceItIsBack()
    {
        var message = await Task.Run(() => AvroRecordSerdes.ClickEvent(Client).Serialize(Click(), Value));
        using var coldClient = RegistryClients.For(_handle.Registry);
        var reader = AvroRecordSerdes.ClickEvent(coldClient);
        var writer = AvroRecordSerdes.ClickEvent(coldClient);
        _handle.Registry.SetUnavailable(true);

        var reading = await Task.Run(() => Assert.Throws<TransientSerdeException>(() => reader.Deserialize(message, isNull: false, Value)));
        var writing = await Task.Run(() => Assert.Throws<TransientSerdeException>(() => writer.Serialize(Click(), Value)));

        Assert.True(Assert.IsType<SchemaRegistryException>(reading.InnerException).IsTransient);
        Assert.True(Assert.IsType<SchemaRegistryException>(writing.InnerException).IsTransient);
        Assert.Equal(BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1, 4)), reading.SchemaId);

        _handle.Registry.SetUnavailable(false);
        Assert.Equivalent(Click(), await Task.Run(() => reader.Deserialize(message, isNull: false, Value)), strict: true);
        Assert.Equal(message, await Task.Run(() => writer.Serialize(Click(), Value)));
    }
}

/// <summary>An in-process registry with the Avro rules, and a client for it.</summary>
internal sealed record InProcessSchemaRegistryHandle(JourneyMapper.Tools.SchemaRegistry.InProcessSchemaRegistry Registry, SchemaRegistryClient Client)
{
    public static async Task<InProcessSchemaRegistryHandle> StartAsync()
    {
        var registry = await AvroRegistry.StartAsync();
        return new InProcessSchemaRegistryHandle(registry, RegistryClients.For(registry));
    }
}
