using JourneyMapper.LoadHarness.Load;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Load;

public sealed class LoadGeneratorTests
{
    [Theory]
    [InlineData(20, 60, 100_000, 8_000_000)] // 5 s of ramp at half the rate, 5 s at it, 60 s window, 5 s slack
    [InlineData(10, 60, 80_000, 5_800_000)] // 2.5 s of ramp at half the rate, 2.5 s at it
    [InlineData(5, 3, 1_000, 11_750)]
    public void ARunIsRenderedTheRecordsItsRampWarmUpWindowAndSlackSend(int warmupSeconds, int durationSeconds, double rate, long records)
    {
        var settings = new BenchSettings { Warmup = TimeSpan.FromSeconds(warmupSeconds), Duration = TimeSpan.FromSeconds(durationSeconds) };

        Assert.Equal(records, LoadGenerator.RecordsDue(settings, rate));
    }
}
