namespace JourneyMapper.Streams;

/// <summary>
/// The fixed upper bounds of a histogram's buckets, ascending, each inclusive (Prometheus' <c>le</c>); a value above the
/// last bound falls in the overflow bucket (<c>+Inf</c>). Fixed bounds keep recording to one search and one interlocked
/// add, and let every exporter (the Prometheus text, OpenTelemetry) publish the same buckets.
/// </summary>
public sealed class HistogramBuckets
{
    private readonly double[] _bounds;

    private HistogramBuckets(double[] bounds) => _bounds = bounds;

    /// <summary>Latencies in seconds: 100 µs doubling to about 52 s (20 buckets).</summary>
    public static HistogramBuckets LatencySeconds { get; } = Exponential(0.0001, 2, 20);

    public IReadOnlyList<double> UpperBounds => _bounds;

    /// <summary>Buckets 0..Count-1 hold values up to their bound; bucket Count is the overflow.</summary>
    public int Count => _bounds.Length;

    /// <summary><paramref name="count"/> bounds: <paramref name="start"/>, start × factor, start × factor², ...</summary>
    public static HistogramBuckets Exponential(double start, double factor, int count)
    {
        if (!(start > 0) || double.IsInfinity(start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "the first bound must be a positive finite number");
        }

        if (!(factor > 1) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the factor must be a finite number above 1");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        // start × factorⁱ rather than repeated products, so that rounding errors do not pile up along the bounds.
        var bounds = new double[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = start * Math.Pow(factor, i);
        }

        return new HistogramBuckets(bounds);
    }

    /// <summary>Explicit bounds, strictly ascending and finite.</summary>
    public static HistogramBuckets Explicit(params double[] bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Length == 0 || bounds.Any(bound => !double.IsFinite(bound)) || bounds.Zip(bounds.Skip(1)).Any(pair => pair.First >= pair.Second))
        {
            throw new ArgumentException("bounds must be finite and strictly ascending, at least one", nameof(bounds));
        }

        return new HistogramBuckets([.. bounds]);
    }

    /// <summary>The bucket of <paramref name="value"/>: the first whose bound is at least the value, else the overflow (Count).</summary>
    public int IndexOf(double value)
    {
        var index = Array.BinarySearch(_bounds, value);
        return index >= 0 ? index : ~index;
    }
}
