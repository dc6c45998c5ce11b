namespace JourneyMapper.Streams;

/// <summary>The life cycle of a <see cref="KafkaStreams"/> instance, as in Kafka Streams.</summary>
public enum KafkaStreamsState
{
    Created,
    Rebalancing,
    Running,
    PendingShutdown,
    NotRunning,
    Error,
}
