using Confluent.Kafka;

namespace JourneyMapper.Streams.Errors;

/// <summary>A source record's key or value could not be deserialized; handled by the deserialization handler.</summary>
public sealed class StreamsDeserializationException(MessageComponentType component, Exception inner)
    : Exception($"could not deserialize the record {component.ToString().ToLowerInvariant()}: {inner.Message}", inner)
{
    public MessageComponentType Component { get; } = component;
}
