using Confluent.Kafka;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>
/// A key or value could not be (de)serialized for a reason that may pass: the schema registry was unreachable,
/// timed out or answered 5xx/408/429 (its client had already retried). The record itself may be fine, so it must
/// not be dead-lettered: the runtime should read it again after a backoff (configure
/// <c>StreamsConfig.IsRetriable</c> to accept this type).
/// </summary>
public sealed class TransientSerdeException : Exception
{
    public TransientSerdeException()
    {
    }

    public TransientSerdeException(string message)
        : base(message)
    {
    }

    public TransientSerdeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? Topic { get; init; }

    public MessageComponentType? Component { get; init; }

    public int? SchemaId { get; init; }

    /// <summary>How long the registry asked clients to wait (its Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
