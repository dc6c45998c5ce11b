using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// One invocation is a whole 1M-event run (about a second), so no unrolling and a handful of iterations.
/// "1core" pins the process (GC included) to CPU 0: the target's "one core"; "2cores" lets the GC use the other.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        var job = Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8).WithInvocationCount(1).WithUnrollFactor(1);
        AddJob(job.WithAffinity(1).WithId("1core"));
        AddJob(job.WithId("2cores"));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, new EventsPerSecondColumn());
    }

    internal sealed class EventsPerSecondColumn : IColumn
    {
        public string Id => nameof(EventsPerSecondColumn);

        public string ColumnName => "Events/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Events per second: 1e9 / mean ns per event (the mean over iterations, each a whole run)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics?.Mean is > 0 and var nanoseconds
                ? (1e9 / nanoseconds).ToString("N0", CultureInfo.InvariantCulture)
                : "NA";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
