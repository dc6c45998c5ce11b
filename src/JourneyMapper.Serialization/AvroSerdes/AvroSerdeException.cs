using Confluent.Kafka;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>Why an Avro key or value could not be (de)serialized; none of these fixes itself by retrying the record.</summary>
public enum AvroSerdeError
{
    /// <summary>Raised through a constructor that names no reason.</summary>
    Unspecified,

    /// <summary>Deserializing: the message has no bytes (a null value is a tombstone, not this).</summary>
    EmptyMessage,

    /// <summary>Deserializing: fewer bytes than the 5-byte header (magic byte and schema id).</summary>
    TruncatedHeader,

    /// <summary>Deserializing: the first byte is not Confluent's magic byte 0, so the message is not registry-framed Avro.</summary>
    UnknownMagicByte,

    /// <summary>Deserializing: the registry does not know the message's schema id.</summary>
    UnknownSchemaId,

    /// <summary>Deserializing: the registry's schema for the id is not a valid Avro schema.</summary>
    InvalidWriterSchema,

    /// <summary>Deserializing: data of the writer's schema cannot be read as this record (schema resolution fails).</summary>
    IncompatibleWriterSchema,

    /// <summary>Deserializing: the body does not decode under the writer's schema (truncated, corrupt, trailing bytes).</summary>
    MalformedBody,

    /// <summary>Serializing: the value does not fit the schema (e.g. a ClickEvent without its required eventId).</summary>
    InvalidValue,

    /// <summary>Serializing with auto-registration off: the schema is not registered under the subject.</summary>
    SchemaNotRegistered,

    /// <summary>Serializing: the registry refused to register the schema (incompatible with the subject, or invalid).</summary>
    RegistrationRefused,

    /// <summary>The registry answered with a lasting error other than the above (e.g. 401 unauthorized).</summary>
    RegistryError,
}

/// <summary>
/// An Avro key or value could not be (de)serialized, for a reason that retrying will not change (<see cref="Reason"/>).
/// The runtime's deserialization handler dead-letters such a record with <see cref="Code"/> as the reason and goes on.
/// Failures that may pass (the registry unreachable) are <see cref="TransientSerdeException"/> instead.
/// </summary>
public sealed class AvroSerdeException : Exception
{
    public AvroSerdeException()
    {
    }

    public AvroSerdeException(string message)
        : base(message)
    {
    }

    public AvroSerdeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AvroSerdeException(AvroSerdeError reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public AvroSerdeError Reason { get; }

    /// <summary>A short, stable, machine-readable reason, e.g. <c>unknown-magic-byte</c>, for dead-letter headers and metrics.</summary>
    public string Code => CodeOf(Reason);

    /// <summary>The topic of the record, when known.</summary>
    public string? Topic { get; init; }

    /// <summary>Whether the key or the value failed, when known.</summary>
    public MessageComponentType? Component { get; init; }

    /// <summary>The schema id involved, when there was one.</summary>
    public int? SchemaId { get; init; }

    public static string CodeOf(AvroSerdeError reason) => reason switch
    {
        AvroSerdeError.EmptyMessage => "empty-message",
        AvroSerdeError.TruncatedHeader => "truncated-header",
        AvroSerdeError.UnknownMagicByte => "unknown-magic-byte",
        AvroSerdeError.UnknownSchemaId => "unknown-schema-id",
        AvroSerdeError.InvalidWriterSchema => "invalid-writer-schema",
        AvroSerdeError.IncompatibleWriterSchema => "incompatible-writer-schema",
        AvroSerdeError.MalformedBody => "malformed-body",
        AvroSerdeError.InvalidValue => "invalid-value",
        AvroSerdeError.SchemaNotRegistered => "schema-not-registered",
        AvroSerdeError.RegistrationRefused => "registration-refused",
        AvroSerdeError.RegistryError => "registry-error",
        _ => "avro-serde-error",
    };
}
