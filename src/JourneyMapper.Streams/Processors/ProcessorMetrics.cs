using System.Runtime.CompilerServices;

namespace JourneyMapper.Streams.Processors;

/// <summary>
/// The metrics a processor keeps, as Kafka Streams' <c>context.metrics()</c> gives a processor its sensors; exported with
/// the runtime's own (<see cref="StreamsMetrics"/>). Counters and histograms are tagged with the processor's name
/// (<c>processor-node-id</c>) or with a tag that splits them (e.g. sessions by close reason) and are shared by the
/// processor's instances in every task; gauges belong to one task and go when it closes.
/// </summary>
public sealed class ProcessorMetrics
{
    private readonly StreamsMetrics _metrics;
    private readonly string _processorName;
    private readonly TaskId _taskId;
    private readonly Action<IDisposable> _ownedByTask;

    internal ProcessorMetrics(StreamsMetrics metrics, string processorName, TaskId taskId, Action<IDisposable> ownedByTask) =>
        (_metrics, _processorName, _taskId, _ownedByTask) = (metrics, processorName, taskId, ownedByTask);

    /// <summary>
    /// Tagged with the processor's name, or, given a <paramref name="label"/>, with the tag <c>label</c>. Resolve once
    /// (in <c>Init</c>) and keep: incrementing is then one interlocked add.
    /// </summary>
    public MetricCounter Counter(string name, string? label = null) =>
        _metrics.Counter(name, label is null ? Processor : new MetricTag(StreamsMetrics.LabelTag, label));

    /// <summary>A counter split by one tag, e.g. <c>Counter("sessions-closed-total", "reason", "inactivity")</c>.</summary>
    public MetricCounter Counter(string name, string tagKey, string tagValue) => _metrics.Counter(name, new MetricTag(tagKey, tagValue));

    /// <summary>A histogram tagged with the processor's name (latencies in seconds unless <paramref name="buckets"/> says otherwise).</summary>
    public MetricHistogram Histogram(string name, HistogramBuckets? buckets = null) =>
        _metrics.Histogram(name, buckets ?? HistogramBuckets.LatencySeconds, Processor);

    /// <summary>A histogram split by one tag.</summary>
    public MetricHistogram Histogram(string name, string tagKey, string tagValue, HistogramBuckets? buckets = null) =>
        _metrics.Histogram(name, buckets ?? HistogramBuckets.LatencySeconds, new MetricTag(tagKey, tagValue));

    /// <summary>
    /// A gauge of this task (tagged <c>task-id</c> and <c>processor-node-id</c>), read by calling <paramref name="read"/>
    /// from the collecting thread, so it must be safe to call there (e.g. a store's <c>ApproximateNumEntries</c>).
    /// Removed when the task closes.
    /// </summary>
    public void Gauge(string name, Func<double> read) =>
        _ownedByTask(_metrics.Gauge(name, read, new MetricTag(StreamsMetrics.TaskIdTag, _taskId.ToString()), Processor));

    /// <summary>The help text and unit exported with <paramref name="name"/> (see <see cref="StreamsMetrics.Describe"/>).</summary>
    public void Describe(string name, string description, string? unit = null) => _metrics.Describe(name, description, unit);

    private MetricTag Processor => new(StreamsMetrics.ProcessorNodeIdTag, _processorName);
}

/// <summary>One monotonically increasing count, safe to update from the stream thread and read from any other.</summary>
public sealed class MetricCounter
{
    private readonly StrongBox<long> _value;

    internal MetricCounter(StrongBox<long> value) => _value = value;

    public long Value => Interlocked.Read(ref _value.Value);

    public void Increment() => Interlocked.Increment(ref _value.Value);

    public void Add(long count) => Interlocked.Add(ref _value.Value, count);
}
