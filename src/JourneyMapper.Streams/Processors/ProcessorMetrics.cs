using System.Runtime.CompilerServices;

namespace JourneyMapper.Streams.Processors;

/// <summary>
/// The counters a processor keeps, as Kafka Streams' <c>context.metrics()</c> gives a processor its sensors. A
/// counter is tagged with the processor's name, or with a label that splits one count (e.g. sessions by close reason).
/// </summary>
public sealed class ProcessorMetrics
{
    private readonly StreamsMetrics _metrics;
    private readonly string _processorName;

    internal ProcessorMetrics(StreamsMetrics metrics, string processorName) => (_metrics, _processorName) = (metrics, processorName);

    /// <summary>Resolve once (in <c>Init</c>) and keep: incrementing is then one interlocked add.</summary>
    public MetricCounter Counter(string name, string? label = null) => new(_metrics.Counter(name, label ?? _processorName));
}

/// <summary>One monotonically increasing count, safe to update from the stream thread and read from any other.</summary>
public sealed class MetricCounter
{
    private readonly StrongBox<long> _value;

    internal MetricCounter(StrongBox<long> value) => _value = value;

    public long Value => Interlocked.Read(ref _value.Value);

    public void Increment() => Interlocked.Increment(ref _value.Value);
}
