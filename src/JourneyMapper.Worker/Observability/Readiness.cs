using JourneyMapper.Streams;

namespace JourneyMapper.Worker.Observability;

/// <summary>
/// Whether the service can do its work: the stream runtime is RUNNING, which it is once every stream thread has its
/// partitions and has restored their stores. Before that, during a rebalance (a restore included), while shutting
/// down and after an error it is not ready.
/// </summary>
public static class Readiness
{
    /// <summary>The state reported before the runtime exists (the host still starting, e.g. waiting for the registry).</summary>
    public const string NotStarted = "NOT_STARTED";

    public static bool IsReady(KafkaStreamsState? state) => state == KafkaStreamsState.Running;

    public static string StateName(KafkaStreamsState? state) => state is { } known ? KafkaStreams.StateName(known) : NotStarted;
}
