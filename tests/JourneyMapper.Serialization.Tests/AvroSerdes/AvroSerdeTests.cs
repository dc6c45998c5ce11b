using System.Buffers.Binary;
using System.Net;
using Confluent.Kafka;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Serialization.Tests.Records;
using Xunit;

namespace JourneyMapper.Serialization.Tests.AvroSerdes;

/// <summary><see cref="AvroSerde{T}"/> over an in-memory registry: framing, subjects, caching, evolution, and every error with its reason.</summary>
public sealed class AvroSerdeTests
{
    private const string Topic = "clickstream.events";
    private static readonly SerializationContext Value = new(MessageComponentType.Value, Topic);
    private static readonly SerializationContext Key = new(MessageComponentType.Key, Topic);

    private readonly FakeSchemaRegistry _registry = new();

    private static byte[] Frame(int schemaId, byte[] body) => ConfluentWireFormat.Write(schemaId, body);

    [Fact]
    public void SerializeRegistersUnderTheTopicValueSubjectAndFramesTheBody()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);
        var clickEvent = RecordSamples.TypicalClickEvent();

        var message = serde.Serialize(clickEvent, Value);

        Assert.Equal([ClickEventAvroCodec.Instance.SchemaJson], _registry.VersionsOf("clickstream.events-value"));
        Assert.Equal(0, message[0]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1, 4)));
        Assert.Equal(ClickEventAvroCodec.Instance.Encode(clickEvent), message[5..]);
        Assert.Equivalent(clickEvent, serde.Deserialize(message, isNull: false, Value), strict: true);
    }

    [Fact]
    public void KeysUseTheTopicKeySubject()
    {
        var serde = AvroRecordSerdes.UserProfile(_registry);

        serde.Serialize(RecordSamples.FullUserProfile(), Key);

        Assert.Single(_registry.VersionsOf("clickstream.events-key"));
        Assert.Empty(_registry.VersionsOf("clickstream.events-value"));
    }

    [Fact]
    public void ASubjectNameStrategyCanBeGiven()
    {
        var serde = AvroRecordSerdes.JourneySegment(_registry, new AvroSerdeOptions { SubjectName = (topic, isKey) => $"{topic}.{(isKey ? "k" : "v")}" });

        serde.Serialize(RecordSamples.MinimalJourneySegment(), Value);

        Assert.Single(_registry.VersionsOf("clickstream.events.v"));
    }

    [Fact]
    public void TheSchemaIdIsFetchedOncePerTopicAndComponent()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        for (var i = 0; i < 5; i++)
        {
            serde.Serialize(RecordSamples.TypicalClickEvent(), Value);
        }

        Assert.Equal(1, _registry.RegisterCalls);
        serde.Serialize(RecordSamples.TypicalClickEvent(), Key);
        serde.Serialize(RecordSamples.TypicalClickEvent(), new SerializationContext(MessageComponentType.Value, "other"));
        serde.Serialize(RecordSamples.TypicalClickEvent(), Value);
        serde.Serialize(RecordSamples.TypicalClickEvent(), Key);
        Assert.Equal(3, _registry.RegisterCalls);
    }

    [Fact]
    public void TheWriterSchemaIsFetchedOncePerId()
    {
        var producer = AvroRecordSerdes.ClickEvent(_registry);
        var consumer = AvroRecordSerdes.ClickEvent(_registry);
        var message = producer.Serialize(RecordSamples.FullClickEvent(), Value);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equivalent(RecordSamples.FullClickEvent(), consumer.Deserialize(message, isNull: false, Value), strict: true);
        }

        Assert.Equal(1, _registry.GetByIdCalls);
    }

    [Fact]
    public void NullIsATombstoneBothWaysWithoutTheRegistry()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        Assert.Null(serde.Serialize(null!, Value));
        Assert.Null(serde.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, Value));
        Assert.Equal(0, _registry.Calls);
    }

    [Fact]
    public void WithAutoRegistrationOffAnUnregisteredSchemaFailsClearly()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry, new AvroSerdeOptions { AutoRegisterSchemas = false });

        var error = Assert.Throws<AvroSerdeException>(() => serde.Serialize(RecordSamples.TypicalClickEvent(), Value));

        Assert.Equal(AvroSerdeError.SchemaNotRegistered, error.Reason);
        Assert.Equal("schema-not-registered", error.Code);
        Assert.Contains("not registered under subject 'clickstream.events-value'", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto.register.schemas is off", error.Message, StringComparison.Ordinal);
        Assert.Equal(Topic, error.Topic);
        Assert.Equal(MessageComponentType.Value, error.Component);
        Assert.Equal(0, _registry.RegisterCalls);
    }

    [Fact]
    public async Task WithAutoRegistrationOffARegisteredSchemaIsLookedUpNotRegistered()
    {
        var id = await _registry.RegisterSchemaAsync("clickstream.events-value", ClickEventAvroCodec.Instance.SchemaJson);
        var serde = AvroRecordSerdes.ClickEvent(_registry, new AvroSerdeOptions { AutoRegisterSchemas = false });

        var message = serde.Serialize(RecordSamples.TypicalClickEvent(), Value);
        serde.Serialize(RecordSamples.TypicalClickEvent(), Value);

        Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1, 4)));
        Assert.Equal(1, _registry.RegisterCalls);
        Assert.Equal(1, _registry.LookupCalls);
    }

    [Fact]
    public void AValueThatDoesNotFitTheSchemaFailsBeforeTheRegistryIsAsked()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        var error = Assert.Throws<AvroSerdeException>(() => serde.Serialize(RecordSamples.TypicalClickEvent() with { EventId = null }, Value));

        Assert.Equal(AvroSerdeError.InvalidValue, error.Reason);
        Assert.Equal("invalid-value", error.Code);
        Assert.Contains("ClickEvent.eventId is null", error.Message, StringComparison.Ordinal);
        Assert.IsType<AvroException>(error.InnerException);
        Assert.Equal(0, _registry.Calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, 409, AvroSerdeError.RegistrationRefused)]
    [InlineData(HttpStatusCode.UnprocessableEntity, 42201, AvroSerdeError.RegistrationRefused)]
    [InlineData(HttpStatusCode.Unauthorized, 401, AvroSerdeError.RegistryError)]
    public void LastingRegistryRefusalsAreNotTransient(HttpStatusCode status, int errorCode, AvroSerdeError reason)
    {
        _registry.FailWith = new SchemaRegistryException("refused", status, errorCode, isTransient: false);
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        var error = Assert.Throws<AvroSerdeException>(() => serde.Serialize(RecordSamples.TypicalClickEvent(), Value));

        Assert.Equal(reason, error.Reason);
        Assert.IsType<SchemaRegistryException>(error.InnerException);
    }

    [Theory]
    [InlineData("", AvroSerdeError.EmptyMessage, "empty-message")]
    [InlineData("00 00 00 01", AvroSerdeError.TruncatedHeader, "truncated-header")]
    [InlineData("01 00 00 00 01 02", AvroSerdeError.UnknownMagicByte, "unknown-magic-byte")]
    [InlineData("7b 22 65 76 65 6e 74 49 64 22", AvroSerdeError.UnknownMagicByte, "unknown-magic-byte")]
    public void AMessageNotInTheWireFormatIsDeadLetterWorthy(string hex, AvroSerdeError reason, string code)
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        var error = Assert.Throws<AvroSerdeException>(() => serde.Deserialize(TypedCodecTests.Hex(hex), isNull: false, Value));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(code, error.Code);
        Assert.IsType<WireFormatException>(error.InnerException);
        Assert.StartsWith("clickstream.events value: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Calls);
    }

    [Fact]
    public void AnUnknownSchemaIdIsDeadLetterWorthy()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        var error = Assert.Throws<AvroSerdeException>(() => serde.Deserialize(Frame(42, [1, 2, 3]), isNull: false, Value));

        Assert.Equal(AvroSerdeError.UnknownSchemaId, error.Reason);
        Assert.Equal("unknown-schema-id", error.Code);
        Assert.Equal(42, error.SchemaId);
        Assert.Contains("schema id 42 is not in the registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABodyThatDoesNotDecodeIsDeadLetterWorthy()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);
        var message = serde.Serialize(RecordSamples.TypicalClickEvent(), Value);

        var truncated = Assert.Throws<AvroSerdeException>(() => serde.Deserialize(message.AsSpan(0, message.Length - 3), isNull: false, Value));
        var trailing = Assert.Throws<AvroSerdeException>(() => serde.Deserialize([.. message, 0], isNull: false, Value));

        Assert.Equal(AvroSerdeError.MalformedBody, truncated.Reason);
        Assert.Equal("malformed-body", truncated.Code);
        Assert.IsType<AvroException>(truncated.InnerException);
        Assert.Equal(1, truncated.SchemaId);
        Assert.Equal(AvroSerdeError.MalformedBody, trailing.Reason);
        Assert.Contains("1 bytes left after the record", trailing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWriterSchemaThatIsNotAvroIsDeadLetterWorthyAndFetchedOnce()
    {
        var id = _registry.Add("""{"type":"record","name":"Broken","fields":[{"name":"x","type":"nope"}]}""");
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        for (var i = 0; i < 2; i++)
        {
            var error = Assert.Throws<AvroSerdeException>(() => serde.Deserialize(Frame(id, [0]), isNull: false, Value));
            Assert.Equal(AvroSerdeError.InvalidWriterSchema, error.Reason);
        }

        Assert.Equal(1, _registry.GetByIdCalls);
    }

    [Fact]
    public void AWriterSchemaOfAnotherRecordIsDeadLetterWorthy()
    {
        var id = _registry.Add(UserProfileAvroCodec.Instance.SchemaJson);
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        var error = Assert.Throws<AvroSerdeException>(() =>
            serde.Deserialize(Frame(id, UserProfileAvroCodec.Instance.Encode(RecordSamples.FullUserProfile())), isNull: false, Value));

        Assert.Equal(AvroSerdeError.IncompatibleWriterSchema, error.Reason);
        Assert.Equal("incompatible-writer-schema", error.Code);
    }

    [Fact]
    public void AnUnreachableRegistryIsTransientNotDeadLetterWorthy()
    {
        var producer = AvroRecordSerdes.ClickEvent(_registry);
        var message = producer.Serialize(RecordSamples.TypicalClickEvent(), Value);
        var consumer = AvroRecordSerdes.ClickEvent(_registry);
        var fresh = AvroRecordSerdes.ClickEvent(_registry);
        _registry.FailWith = FakeSchemaRegistry.Unavailable();

        var reading = Assert.Throws<TransientSerdeException>(() => consumer.Deserialize(message, isNull: false, Value));
        var writing = Assert.Throws<TransientSerdeException>(() => fresh.Serialize(RecordSamples.TypicalClickEvent(), Value));

        Assert.IsType<SchemaRegistryException>(reading.InnerException);
        Assert.Equal(1, reading.SchemaId);
        Assert.Equal(Topic, writing.Topic);

        // Cached ids and schemas need no registry; the same record reads once the registry is back.
        Assert.NotNull(producer.Serialize(RecordSamples.TypicalClickEvent(), Value));
        _registry.FailWith = null;
        Assert.Equivalent(RecordSamples.TypicalClickEvent(), consumer.Deserialize(message, isNull: false, Value), strict: true);
    }

    [Fact]
    public void DataOfAnOlderSchemaVersionIsResolvedOncePerId()
    {
        var old = SchemaVersions.Without("UserProfile.avsc", "analyticsConsent", "marketingConsent");
        var oldSchema = (RecordSchema)AvroSchema.Parse(old);
        var id = _registry.Add(old);
        var written = new GenericRecord(oldSchema)
        {
            ["userId"] = "user-1",
            ["tier"] = GenericEnum.Of((EnumSchema)oldSchema.GetField("tier")!.Schema, "SILVER"),
            ["lifetimeValue"] = new AvroDecimal(1999, 2),
            ["updatedAt"] = 1_732_270_000_123L,
        };
        var message = Frame(id, GenericDatumWriter.For(oldSchema).Serialize(written));
        var serde = AvroRecordSerdes.UserProfile(_registry);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(
                new UserProfile { UserId = "user-1", Tier = Tier.Silver, LifetimeValue = 19.99m, UpdatedAt = 1_732_270_000_123 },
                serde.Deserialize(message, isNull: false, Value));
        }

        Assert.Equal(1, _registry.GetByIdCalls);
    }

    [Fact]
    public void ASymbolOfANewerWriterReadsAsTheEnumDefault()
    {
        var newer = SchemaVersions.WithExtraSymbol("UserProfile.avsc", "Tier", "DIAMOND");
        var newerSchema = (RecordSchema)AvroSchema.Parse(newer);
        var id = _registry.Add(newer);
        var written = new GenericRecord(newerSchema)
        {
            ["userId"] = "user-1",
            ["tier"] = GenericEnum.Of((EnumSchema)newerSchema.GetField("tier")!.Schema, "DIAMOND"),
            ["analyticsConsent"] = true,
            ["marketingConsent"] = false,
            ["updatedAt"] = 5L,
        };
        var serde = AvroRecordSerdes.UserProfile(_registry);

        var read = serde.Deserialize(Frame(id, GenericDatumWriter.For(newerSchema).Serialize(written)), isNull: false, Value);

        Assert.Equal(new UserProfile { UserId = "user-1", Tier = Tier.Unknown, AnalyticsConsent = true, UpdatedAt = 5 }, read);
    }

    [Fact]
    public void AWriterSchemaDifferingOnlyInDocsTakesTheFastPath()
    {
        // The .avsc text as a producer might register it: layout and docs differ, the canonical form does not.
        var id = _registry.Add(RecordSchemas.ReadText("JourneySegment.avsc"));
        var serde = AvroRecordSerdes.JourneySegment(_registry);
        var segment = RecordSamples.FullJourneySegment();

        var read = serde.Deserialize(Frame(id, JourneySegmentAvroCodec.Instance.Encode(segment)), isNull: false, Value);

        Assert.Equivalent(segment, read, strict: true);
    }

    [Fact]
    public void SerializingNeedsATopicToNameTheSubject()
    {
        var serde = AvroRecordSerdes.ClickEvent(_registry);

        Assert.Throws<ArgumentException>(() => serde.Serialize(RecordSamples.TypicalClickEvent(), new SerializationContext(MessageComponentType.Value, null)));
    }

    [Fact]
    public void ThreadsMissingTogetherShareOneRegistrationAndOneSchemaFetch()
    {
        // Dedicated threads, as stream threads are, all starting on a cold cache.
        var serde = AvroRecordSerdes.ClickEvent(_registry);
        var reader = AvroRecordSerdes.ClickEvent(_registry);
        using var start = new Barrier(8);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var i = 0; i < 200; i++)
                {
                    var bytes = serde.Serialize(RecordSamples.TypicalClickEvent() with { EventId = $"e-{t}-{i}" }, Value);
                    Assert.Equal($"e-{t}-{i}", reader.Deserialize(bytes, isNull: false, Value).EventId);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();

        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(failures);
        Assert.Equal(1, _registry.RegisterCalls);
        Assert.Equal(1, _registry.GetByIdCalls);
    }

    [Fact]
    public void CodesAreStable()
    {
        var codes = Enum.GetValues<AvroSerdeError>().Select(AvroSerdeException.CodeOf).ToList();

        Assert.Equal(
            ["avro-serde-error", "empty-message", "truncated-header", "unknown-magic-byte", "unknown-schema-id", "invalid-writer-schema",
             "incompatible-writer-schema", "malformed-body", "invalid-value", "schema-not-registered", "registration-refused", "registry-error"],
            codes);
    }
}
