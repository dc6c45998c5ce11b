namespace JourneyMapper.Streams;

public enum MetricType
{
    /// <summary>A count that only goes up (name ends in <c>-total</c>).</summary>
    Counter,

    /// <summary>A value read as it stands (open sessions, lag, records left to restore).</summary>
    Gauge,

    /// <summary>Observations counted in fixed buckets, with their sum (latencies).</summary>
    Histogram,
}

/// <summary>One dimension of a metric, e.g. <c>topic=clickstream.events</c>; keys follow Kafka Streams' tag names.</summary>
public readonly record struct MetricTag(string Key, string Value);

/// <summary>Every series of one metric name as it stood when <see cref="StreamsMetrics.Collect"/> read it.</summary>
public sealed record MetricFamilySnapshot(string Name, MetricType Type, string? Description, string? Unit, IReadOnlyList<MetricSeriesSnapshot> Series);

/// <summary>One series: its tags (sorted by key) and its value; a histogram's value is its count.</summary>
public sealed record MetricSeriesSnapshot(IReadOnlyList<MetricTag> Tags, double Value, HistogramSnapshot? Histogram = null);

/// <summary>A histogram's buckets: <see cref="BucketCounts"/> has one count per upper bound plus the overflow, not cumulative.</summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> BucketCounts, double Sum)
{
    public long Count => BucketCounts.Sum();
}
