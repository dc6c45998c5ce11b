using System.Collections.Concurrent;
using System.Net;
using Confluent.Kafka;
using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>
/// Avro keys or values in Confluent's schema-registry framing (magic byte 0, 4-byte big-endian schema id, Avro
/// binary), interoperable with Confluent's KafkaAvroSerializer/Deserializer. A null record is a tombstone both ways.
/// <para>Serializing registers the codec's schema under the subject (<see cref="AvroSerdeOptions"/>), once per
/// topic and component, and caches the id. Deserializing fetches the writer's schema by id, once per id: data
/// written with exactly our schema decodes through the hand-written codec; data written with another version is
/// resolved against ours (<see cref="GenericDatumReader"/>) and mapped, which is slower but still cached per id.</para>
/// <para>Errors: a record that can never be read or written throws <see cref="AvroSerdeException"/> (dead-letter it);
/// an unreachable registry throws <see cref="TransientSerdeException"/> (retry it). Confluent's interfaces are
/// synchronous, so a cache miss blocks on the registry; hits never touch it. Thread-safe.</para>
/// </summary>
public sealed class AvroSerde<T> : ISerializer<T>, IDeserializer<T>
    where T : class
{
    private const int InitialBufferSize = 512;

    // A thread keeps its encoding buffer between records; one that grew past this (a huge record) is let go
    // rather than pinned for the thread's life.
    private const int MaxRetainedBufferSize = 1 << 20;

    [ThreadStatic]
    private static AvroWriter? t_writer;

    private readonly ISchemaRegistryClient _registry;
    private readonly AvroRecordCodec<T> _codec;
    private readonly AvroSerdeOptions _options;
    private readonly string _readerCanonicalForm;
    private readonly ConcurrentDictionary<(string Topic, bool IsKey), TopicSchemaId> _idsByTopic = new();
    private readonly ConcurrentDictionary<int, DecodePlan> _plansById = new();
    private readonly Lock _missGate = new();

    // Most serdes see one topic and one schema id: checking the last one first skips the dictionary lookups.
    private volatile TopicSchemaId? _lastTopicId;
    private volatile DecodePlan? _lastPlan;

    public AvroSerde(ISchemaRegistryClient registry, AvroRecordCodec<T> codec, AvroSerdeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(codec);
        _registry = registry;
        _codec = codec;
        _options = options ?? new AvroSerdeOptions();
        ArgumentNullException.ThrowIfNull(_options.SubjectName);
        _readerCanonicalForm = codec.Schema.ToCanonicalForm();
    }

    public AvroRecordCodec<T> Codec => _codec;

    public byte[] Serialize(T data, SerializationContext context)
    {
        if (data is null)
        {
            return null!;
        }

        var writer = t_writer ??= new AvroWriter(InitialBufferSize);
        writer.Reset();
        try
        {
            _codec.Write(writer, data);
        }
        catch (AvroException e)
        {
            // Encoding first means an invalid value fails without a registry round trip.
            throw Error(AvroSerdeError.InvalidValue, $"{Describe(context)}: the {typeof(T).Name} does not fit its Avro schema: {e.Message}", context, null, e);
        }

        var schemaId = SchemaIdFor(context);
        var message = new byte[ConfluentWireFormat.HeaderSize + writer.Length];
        ConfluentWireFormat.WriteHeader(schemaId, message);
        writer.WrittenSpan.CopyTo(message.AsSpan(ConfluentWireFormat.HeaderSize));
        if (writer.Length > MaxRetainedBufferSize)
        {
            t_writer = null;
            writer.Dispose();
        }

        return message;
    }

    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return null!;
        }

        if (!ConfluentWireFormat.TryReadHeader(data, out var schemaId, out var body))
        {
            throw HeaderError(data, context);
        }

        var plan = _lastPlan;
        if (plan is null || plan.SchemaId != schemaId)
        {
            plan = PlanFor(schemaId, context);
        }

        try
        {
            return plan.Decode(body, context);
        }
        catch (AvroException e)
        {
            throw Error(
                AvroSerdeError.MalformedBody,
                $"{Describe(context)}: the body does not decode as {typeof(T).Name} under writer schema id {schemaId}: {e.Message}",
                context,
                schemaId,
                e);
        }
    }

    private int SchemaIdFor(SerializationContext context)
    {
        var isKey = context.Component == MessageComponentType.Key;
        var last = _lastTopicId;
        if (last is not null && last.IsKey == isKey && string.Equals(last.Topic, context.Topic, StringComparison.Ordinal))
        {
            return last.Id;
        }

        var topic = context.Topic;
        if (string.IsNullOrEmpty(topic))
        {
            throw new ArgumentException("The serialization context names no topic, and the subject is derived from it.", nameof(context));
        }

        if (!_idsByTopic.TryGetValue((topic, isKey), out var entry))
        {
            // One fetch per miss, however many threads miss together: the others wait here rather than each
            // blocking a thread on the registry (a burst of blocked pool threads can starve the continuations the
            // fetch itself needs).
            lock (_missGate)
            {
                if (!_idsByTopic.TryGetValue((topic, isKey), out entry))
                {
                    entry = new TopicSchemaId(topic, isKey, FetchSchemaId(topic, isKey, context));
                    _idsByTopic[(topic, isKey)] = entry;
                }
            }
        }

        _lastTopicId = entry;
        return entry.Id;
    }

    private int FetchSchemaId(string topic, bool isKey, SerializationContext context)
    {
        var subject = _options.SubjectName(topic, isKey);
        var schema = _codec.SchemaJson;
        try
        {
            return _options.AutoRegisterSchemas
                ? Block(() => _registry.RegisterSchemaAsync(subject, schema))
                : Block(() => _registry.GetSchemaIdAsync(subject, schema));
        }
        catch (SchemaRegistryException e) when (e.IsTransient)
        {
            throw Transient($"{Describe(context)}: the schema registry is unavailable to {(_options.AutoRegisterSchemas ? "register" : "look up")} the schema of subject '{subject}': {e.Message}", context, null, e);
        }
        catch (SchemaRegistryException e) when (!_options.AutoRegisterSchemas && (e.IsSubjectNotFound || e.IsSchemaNotFound || e.HttpStatus == HttpStatusCode.NotFound))
        {
            throw Error(
                AvroSerdeError.SchemaNotRegistered,
                $"{Describe(context)}: the {typeof(T).Name} schema is not registered under subject '{subject}', and auto.register.schemas is off; register it first (or turn AutoRegisterSchemas on). Registry: {e.Message}",
                context,
                null,
                e);
        }
        catch (SchemaRegistryException e) when (e.IsIncompatibleSchema || e.ErrorCode == SchemaRegistryErrorCodes.InvalidSchema)
        {
            throw Error(AvroSerdeError.RegistrationRefused, $"{Describe(context)}: the registry refused the {typeof(T).Name} schema under subject '{subject}': {e.Message}", context, null, e);
        }
        catch (SchemaRegistryException e)
        {
            throw Error(AvroSerdeError.RegistryError, $"{Describe(context)}: the registry failed for subject '{subject}': {e.Message}", context, null, e);
        }
    }

    private DecodePlan PlanFor(int schemaId, SerializationContext context)
    {
        if (!_plansById.TryGetValue(schemaId, out var plan))
        {
            // As for ids: one fetch per miss. A failed fetch caches nothing, so the next record tries again.
            lock (_missGate)
            {
                if (!_plansById.TryGetValue(schemaId, out plan))
                {
                    plan = CreatePlan(schemaId, context);
                    _plansById[schemaId] = plan;
                }
            }
        }

        _lastPlan = plan;
        return plan;
    }

    private DecodePlan CreatePlan(int schemaId, SerializationContext context)
    {
        string text;
        try
        {
            text = Block(() => _registry.GetSchemaAsync(schemaId));
        }
        catch (SchemaRegistryException e) when (e.IsTransient)
        {
            throw Transient($"{Describe(context)}: the schema registry is unavailable to fetch writer schema id {schemaId}: {e.Message}", context, schemaId, e);
        }
        catch (SchemaRegistryException e) when (e.IsSchemaNotFound || e.HttpStatus == HttpStatusCode.NotFound)
        {
            // No failing plan is cached: an id unknown now may be a registry replica that has not caught up yet. The
            // client remembers the answer briefly (SchemaRegistryOptions.MissingIdCacheTtl), so a garbage id does not
            // cost a request per record.
            throw Error(AvroSerdeError.UnknownSchemaId, $"{Describe(context)}: schema id {schemaId} is not in the registry: {e.Message}", context, schemaId, e);
        }
        catch (SchemaRegistryException e)
        {
            throw Error(AvroSerdeError.RegistryError, $"{Describe(context)}: fetching writer schema id {schemaId} failed: {e.Message}", context, schemaId, e);
        }

        // From here on the outcome is settled for the id's lifetime (registered schemas never change), so failures
        // are cached too: every later record of the id fails at once instead of re-fetching and re-parsing.
        AvroSchema writerSchema;
        try
        {
            writerSchema = AvroSchema.Parse(text);
        }
        catch (AvroException e)
        {
            return DecodePlan.Failing(schemaId, AvroSerdeError.InvalidWriterSchema, $"writer schema id {schemaId} is not a valid Avro schema: {e.Message}");
        }

        if (string.Equals(writerSchema.ToCanonicalForm(), _readerCanonicalForm, StringComparison.Ordinal))
        {
            return DecodePlan.Direct(schemaId, _codec);
        }

        try
        {
            return DecodePlan.Resolving(schemaId, _codec, GenericDatumReader.For(writerSchema, _codec.Schema));
        }
        catch (AvroException e)
        {
            return DecodePlan.Failing(
                schemaId, AvroSerdeError.IncompatibleWriterSchema, $"data of writer schema id {schemaId} cannot be read as {typeof(T).Name}: {e.Message}");
        }
    }

    private static TResult Block<TResult>(Func<Task<TResult>> call)
    {
        // Without a synchronization context the call starts on this thread and only its continuations need the
        // pool. Under one (a UI or legacy ASP.NET host), continuations would queue to the very thread that waits
        // here, so the call is moved off it.
        var task = SynchronizationContext.Current is null ? call() : Task.Run(call);
        return task.ConfigureAwait(false).GetAwaiter().GetResult();
    }

    private static string Describe(SerializationContext context) =>
        $"{context.Topic ?? "(no topic)"} {(context.Component == MessageComponentType.Key ? "key" : "value")}";

    private static AvroSerdeException Error(AvroSerdeError reason, string message, SerializationContext context, int? schemaId, Exception? inner) =>
        new(reason, message, inner) { Topic = context.Topic, Component = context.Component, SchemaId = schemaId };

    private static TransientSerdeException Transient(string message, SerializationContext context, int? schemaId, SchemaRegistryException inner) =>
        new(message, inner) { Topic = context.Topic, Component = context.Component, SchemaId = schemaId, RetryAfter = inner.RetryAfter };

    private static AvroSerdeException HeaderError(ReadOnlySpan<byte> data, SerializationContext context)
    {
        try
        {
            ConfluentWireFormat.Read(data, out _);
        }
        catch (WireFormatException e)
        {
            var reason = e.Reason switch
            {
                WireFormatError.Empty => AvroSerdeError.EmptyMessage,
                WireFormatError.TooShort => AvroSerdeError.TruncatedHeader,
                WireFormatError.UnknownMagicByte => AvroSerdeError.UnknownMagicByte,
                _ => AvroSerdeError.Unspecified,
            };
            return Error(reason, $"{Describe(context)}: {e.Message}", context, null, e);
        }

        throw new InvalidOperationException("TryReadHeader refused a header that Read accepts.");
    }

    private sealed record TopicSchemaId(string Topic, bool IsKey, int Id);

    /// <summary>How to decode the bodies of one writer schema id.</summary>
    private sealed class DecodePlan
    {
        private readonly AvroRecordCodec<T>? _codec;
        private readonly GenericDatumReader? _resolver;
        private readonly AvroSerdeError _failure;
        private readonly string? _failureMessage;

        private DecodePlan(int schemaId, AvroRecordCodec<T>? codec, GenericDatumReader? resolver, AvroSerdeError failure, string? failureMessage)
        {
            SchemaId = schemaId;
            _codec = codec;
            _resolver = resolver;
            _failure = failure;
            _failureMessage = failureMessage;
        }

        public int SchemaId { get; }

        public static DecodePlan Direct(int schemaId, AvroRecordCodec<T> codec) => new(schemaId, codec, null, default, null);

        public static DecodePlan Resolving(int schemaId, AvroRecordCodec<T> codec, GenericDatumReader resolver) => new(schemaId, codec, resolver, default, null);

        public static DecodePlan Failing(int schemaId, AvroSerdeError reason, string message) => new(schemaId, null, null, reason, message);

        public T Decode(ReadOnlySpan<byte> body, SerializationContext context)
        {
            if (_codec is null)
            {
                throw Error(_failure, $"{Describe(context)}: {_failureMessage}", context, SchemaId, null);
            }

            if (_resolver is null)
            {
                return _codec.Decode(body);
            }

            return _resolver.Read(body) is GenericRecord record
                ? _codec.FromGeneric(record)
                : throw new AvroException($"writer schema id {SchemaId} did not resolve to a record");
        }
    }
}
