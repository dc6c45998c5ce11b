using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// For calls of nanoseconds to a microsecond (a codec, a hash): BenchmarkDotNet's own invocation counts, 3 warm-up and
/// 15 measured iterations, and the median and minimum beside the mean, since this VM's neighbours disturb single
/// iterations. <see cref="BenchmarkConfig"/> is for whole runs of a second.
/// </summary>
public sealed class MicroBenchmarkConfig : ManualConfig
{
    public MicroBenchmarkConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    }
}
