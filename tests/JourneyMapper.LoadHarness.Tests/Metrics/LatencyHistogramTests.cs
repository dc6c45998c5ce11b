using JourneyMapper.LoadHarness.Metrics;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Metrics;

/// <summary>Quantiles as histogram_quantile computes them, worked out by hand; the interval between two scrapes; validation.</summary>
public sealed class LatencyHistogramTests
{
    // Buckets (0,1]: 2, (1,2]: 4, (2,4]: 2, (4,+Inf]: 2.
    private static readonly LatencyHistogram Ten = new([1, 2, 4, double.PositiveInfinity], [2, 6, 8, 10], 23, 10);

    [Theory]
    [InlineData(0.0, 0.0)] // rank 0 in (0,1]: its lower edge
    [InlineData(0.1, 0.5)] // rank 1 of 2 in (0,1]: 0 + 1 × 1/2
    [InlineData(0.2, 1.0)] // rank 2 of 2 in (0,1]: its upper bound
    [InlineData(0.5, 1.75)] // rank 5, 3rd of 4 in (1,2]: 1 + 1 × 3/4
    [InlineData(0.7, 3.0)] // rank 7, 1st of 2 in (2,4]: 2 + 2 × 1/2
    [InlineData(0.8, 4.0)] // rank 8, 2nd of 2 in (2,4]
    [InlineData(0.9, 4.0)] // rank 9 in (4,+Inf]: the highest finite bound
    [InlineData(1.0, 4.0)]
    public void QuantilesInterpolateInsideTheirBucket(double q, double expected) =>
        Assert.Equal(expected, Ten.Quantile(q)!.Value, precision: 12);

    [Fact]
    public void AnEmptyFirstBucketStartsTheQuantilesAtTheFirstNonEmptyOne()
    {
        var histogram = new LatencyHistogram([1, 2, double.PositiveInfinity], [0, 4, 4], 6, 4);

        Assert.Equal(1.0, histogram.Quantile(0));
        Assert.Equal(1.5, histogram.Quantile(0.5));
        Assert.Equal(2.0, histogram.MaxUpperBound);
    }

    [Fact]
    public void EverythingInTheInfBucketAnswersTheHighestFiniteBoundAndAnInfiniteMaximum()
    {
        var histogram = new LatencyHistogram([1, 2, double.PositiveInfinity], [0, 0, 3], 30, 3);

        Assert.Equal(2.0, histogram.Quantile(0));
        Assert.Equal(2.0, histogram.Quantile(0.5));
        Assert.Equal(double.PositiveInfinity, histogram.MaxUpperBound);
        Assert.Equal(10.0, histogram.Mean);
    }

    [Fact]
    public void OnlyAnInfBucketHasNoQuantile()
    {
        var histogram = new LatencyHistogram([double.PositiveInfinity], [3], 3, 3);

        Assert.Null(histogram.Quantile(0.5));
        Assert.Equal(double.PositiveInfinity, histogram.MaxUpperBound);
    }

    [Fact]
    public void AFirstBoundNotAboveZeroIsAnsweredAsItIs()
    {
        var histogram = new LatencyHistogram([-1, 1, double.PositiveInfinity], [2, 4, 4], -1, 4);

        Assert.Equal(-1.0, histogram.Quantile(0.25));
        Assert.Equal(0.0, histogram.Quantile(0.75)); // rank 3, 1st of 2 in (-1,1]: -1 + 2 × 1/2
    }

    [Fact]
    public void MeanAndMaximumComeFromSumCountAndTheHighestNonEmptyBucket()
    {
        var histogram = new LatencyHistogram([1, 2, 4, double.PositiveInfinity], [2, 6, 6, 6], 9, 6);

        Assert.Equal(1.5, histogram.Mean);
        Assert.Equal(2.0, histogram.MaxUpperBound);
        Assert.Equal(double.PositiveInfinity, Ten.MaxUpperBound);
        Assert.Equal(2.3, Ten.Mean);
    }

    [Fact]
    public void WithoutObservationsThereIsNoQuantileMeanOrMaximum()
    {
        var zeros = new LatencyHistogram([1, double.PositiveInfinity], [0, 0], 0, 0);

        foreach (var histogram in new[] { LatencyHistogram.Empty, zeros })
        {
            Assert.Null(histogram.Quantile(0.5));
            Assert.Null(histogram.Mean);
            Assert.Null(histogram.MaxUpperBound);
        }

        Assert.Empty(LatencyHistogram.Empty.UpperBounds);
        Assert.Equal(0, LatencyHistogram.Empty.Count);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void AQuantileOutside0To1IsRefused(double q) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ten.Quantile(q));

    [Fact]
    public void PlusAddsTwoInstancesBucketByBucket()
    {
        var other = new LatencyHistogram([1, 2, 4, double.PositiveInfinity], [1, 1, 3, 3], 5, 3);

        var both = Ten.Plus(other);

        Assert.Equal([3.0, 7, 11, 13], both.CumulativeCounts);
        Assert.Equal(28, both.Sum);
        Assert.Equal(13, both.Count);
        Assert.Same(Ten, Ten.Plus(LatencyHistogram.Empty));
        Assert.Same(Ten, LatencyHistogram.Empty.Plus(Ten));
        Assert.Throws<ArgumentException>(() => Ten.Plus(new LatencyHistogram([1, double.PositiveInfinity], [1, 1], 1, 1)));
    }

    [Fact]
    public void MinusLeavesWhatWasObservedInBetween()
    {
        var earlier = new LatencyHistogram([1, 2, double.PositiveInfinity], [1, 3, 4], 5, 4);
        var later = new LatencyHistogram([1, 2, double.PositiveInfinity], [3, 7, 9], 20, 9);

        var interval = later.Minus(earlier);

        Assert.Equal([1, 2, double.PositiveInfinity], interval.UpperBounds);
        Assert.Equal([2, 4, 5], interval.CumulativeCounts);
        Assert.Equal(15, interval.Sum);
        Assert.Equal(5, interval.Count);
        Assert.Equal(1.25, interval.Quantile(0.5)); // rank 2.5, 1st half of 2 in (1,2]: 1 + 1 × 0.5/2
    }

    [Fact]
    public void MinusAnEmptyHistogramIsTheHistogramItself()
    {
        var interval = Ten.Minus(LatencyHistogram.Empty);

        Assert.Equal(Ten.UpperBounds, interval.UpperBounds);
        Assert.Equal(Ten.CumulativeCounts, interval.CumulativeCounts);
        Assert.Equal(23, interval.Sum);
        Assert.Equal(10, interval.Count);
    }

    [Fact]
    public void MinusRefusesOtherBoundsAndCountsThatWentDown()
    {
        var otherBounds = new LatencyHistogram([1, 3, double.PositiveInfinity], [0, 0, 0], 0, 0);
        var restarted = new LatencyHistogram([1, 2, 4, double.PositiveInfinity], [1, 1, 1, 1], 0.5, 1);

        Assert.Contains("bounds", Assert.Throws<ArgumentException>(() => Ten.Minus(otherBounds)).Message, StringComparison.Ordinal);
        Assert.Contains("restarted", Assert.Throws<ArgumentException>(() => restarted.Minus(Ten)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 1.0, double.PositiveInfinity }, new[] { 1.0 }, 1.0)] // a count missing
    [InlineData(new[] { 1.0, 2.0 }, new[] { 1.0, 1.0 }, 1.0)] // no +Inf bound
    [InlineData(new[] { 2.0, 1.0, double.PositiveInfinity }, new[] { 0.0, 0.0, 0.0 }, 0.0)] // descending bounds
    [InlineData(new[] { 1.0, 1.0, double.PositiveInfinity }, new[] { 0.0, 0.0, 0.0 }, 0.0)] // a repeated bound
    [InlineData(new[] { 1.0, double.PositiveInfinity }, new[] { 2.0, 1.0 }, 1.0)] // a count going down
    [InlineData(new[] { 1.0, double.PositiveInfinity }, new[] { -1.0, 0.0 }, 0.0)] // a negative count
    [InlineData(new[] { 1.0, double.PositiveInfinity }, new[] { 1.0, 2.0 }, 3.0)] // count other than the +Inf bucket's
    [InlineData(new double[0], new double[0], 1.0)] // a count without buckets
    public void InconsistentBucketsAreRefused(double[] bounds, double[] counts, double count) =>
        Assert.Throws<ArgumentException>(() => new LatencyHistogram(bounds, counts, 0, count));
}
