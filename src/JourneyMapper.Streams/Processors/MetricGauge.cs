namespace JourneyMapper.Streams.Processors;

/// <summary>A value its owner sets or moves (records left to restore, lag); read from any thread. Disposing it removes the series.</summary>
public sealed class MetricGauge : IDisposable
{
    private readonly StreamsMetrics _metrics;
    private readonly string _name;
    private readonly string _key;
    private long _value;

    internal MetricGauge(StreamsMetrics metrics, string name, string key) => (_metrics, _name, _key) = (metrics, name, key);

    public long Value => Interlocked.Read(ref _value);

    public void Set(long value) => Interlocked.Exchange(ref _value, value);

    public void Add(long delta) => Interlocked.Add(ref _value, delta);

    public void Dispose() => _metrics.Remove(_name, _key, this);
}
