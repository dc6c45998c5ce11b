namespace JourneyMapper.LoadHarness.Metrics;

/// <summary>
/// A cumulative histogram as Prometheus exposes it (one count per <c>le</c> bound, ascending, the last <c>+Inf</c>), kept
/// immutable so that the scrapes taken before and after a load run can be subtracted (<see cref="Minus"/>) and the
/// run's own latencies read from the difference the way a dashboard's <c>histogram_quantile</c> would read them.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly double[] _bounds;
    private readonly double[] _counts;

    /// <summary>
    /// Checks what <see cref="Quantile"/> relies on: one count per bound, bounds strictly ascending and ending in
    /// <c>+Inf</c>, counts non-negative and never decreasing, and <paramref name="count"/> equal to the <c>+Inf</c> count.
    /// </summary>
    public LatencyHistogram(IEnumerable<double> upperBounds, IEnumerable<double> cumulativeCounts, double sum, double count)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        ArgumentNullException.ThrowIfNull(cumulativeCounts);
        _bounds = [.. upperBounds];
        _counts = [.. cumulativeCounts];
        if (_bounds.Length != _counts.Length)
        {
            throw new ArgumentException($"{_counts.Length} cumulative counts for {_bounds.Length} upper bounds", nameof(cumulativeCounts));
        }

        if (_bounds.Length > 0 && !double.IsPositiveInfinity(_bounds[^1]))
        {
            throw new ArgumentException("the last upper bound must be +Inf", nameof(upperBounds));
        }

        for (var i = 0; i < _bounds.Length; i++)
        {
            if (i > 0 && !(_bounds[i - 1] < _bounds[i]))
            {
                throw new ArgumentException("upper bounds must be strictly ascending", nameof(upperBounds));
            }

            if (!(_counts[i] >= (i == 0 ? 0 : _counts[i - 1])))
            {
                throw new ArgumentException("cumulative counts must be non-negative and never decrease", nameof(cumulativeCounts));
            }
        }

        var total = _counts.Length == 0 ? 0 : _counts[^1];
        if (count != total)
        {
            throw new ArgumentException($"count {count} differs from the +Inf bucket's {total}", nameof(count));
        }

        UpperBounds = _bounds.AsReadOnly();
        CumulativeCounts = _counts.AsReadOnly();
        Sum = sum;
        Count = count;
    }

    /// <summary>No buckets and no observations: what a scrape gives for a histogram that has no series yet.</summary>
    public static LatencyHistogram Empty { get; } = new([], [], 0, 0);

    public IReadOnlyList<double> UpperBounds { get; }

    public IReadOnlyList<double> CumulativeCounts { get; }

    public double Sum { get; }

    public double Count { get; }

    /// <summary>The average observation, null without observations.</summary>
    public double? Mean => Count == 0 ? null : Sum / Count;

    /// <summary>
    /// The upper bound of the highest bucket holding an observation, an upper limit on the largest one (the histogram
    /// keeps no maximum); <see cref="double.PositiveInfinity"/> when something overflowed the last finite bound, null
    /// without observations.
    /// </summary>
    public double? MaxUpperBound
    {
        get
        {
            for (var i = _counts.Length - 1; i >= 0; i--)
            {
                if (_counts[i] > (i == 0 ? 0 : _counts[i - 1]))
                {
                    return _bounds[i];
                }
            }

            return null;
        }
    }

    /// <summary>
    /// What was observed between <paramref name="earlier"/> and this, both cumulative since the instance started. An
    /// <see cref="Empty"/> earlier histogram (no series yet at the first scrape) counts as zero. Throws when the bounds
    /// differ or a count went down, which means the instance restarted in between and the difference means nothing.
    /// </summary>
    public LatencyHistogram Minus(LatencyHistogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier._bounds.Length == 0)
        {
            return this;
        }

        if (!_bounds.AsSpan().SequenceEqual(earlier._bounds))
        {
            throw new ArgumentException("the histograms have different bucket bounds", nameof(earlier));
        }

        var counts = new double[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = _counts[i] - earlier._counts[i];
            if (counts[i] < 0)
            {
                throw new ArgumentException("a bucket's count went down since the earlier histogram: the instance restarted in between", nameof(earlier));
            }
        }

        return new LatencyHistogram(_bounds, counts, Sum - earlier.Sum, Count - earlier.Count);
    }

    /// <summary>
    /// Both histograms' observations together, as <c>sum by (le)</c> adds the instances of a group; <see cref="Empty"/>
    /// adds nothing. Throws when the bounds differ.
    /// </summary>
    public LatencyHistogram Plus(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._bounds.Length == 0)
        {
            return this;
        }

        if (_bounds.Length == 0)
        {
            return other;
        }

        if (!_bounds.AsSpan().SequenceEqual(other._bounds))
        {
            throw new ArgumentException("the histograms have different bucket bounds", nameof(other));
        }

        var counts = new double[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = _counts[i] + other._counts[i];
        }

        return new LatencyHistogram(_bounds, counts, Sum + other.Sum, Count + other.Count);
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile as Prometheus' <c>histogram_quantile</c> estimates it, so that the harness
    /// reports the numbers a dashboard over the same metrics would show: linear interpolation inside the bucket the rank
    /// falls in, the first bucket starting at 0 (or, when its bound is not above 0, answering that bound), and the
    /// highest finite bound when the rank falls in the <c>+Inf</c> bucket. Null without observations, or when there is
    /// no finite bound to answer with. Where Prometheus answers NaN (q = 0 with an empty first bucket) this answers the
    /// lower edge of the first non-empty bucket.
    /// </summary>
    public double? Quantile(double q)
    {
        if (!(q is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile is between 0 and 1");
        }

        if (Count == 0)
        {
            return null;
        }

        var rank = q * Count;
        var inf = _bounds.Length - 1;
        var b = 0;
        while (b < inf && (_counts[b] < rank || _counts[b] == 0))
        {
            b++;
        }

        if (b == inf)
        {
            return inf == 0 ? null : _bounds[inf - 1];
        }

        if (b == 0 && _bounds[0] <= 0)
        {
            return _bounds[0];
        }

        var start = b == 0 ? 0 : _bounds[b - 1];
        var below = b == 0 ? 0 : _counts[b - 1];
        return start + ((_bounds[b] - start) * ((rank - below) / (_counts[b] - below)));
    }
}
