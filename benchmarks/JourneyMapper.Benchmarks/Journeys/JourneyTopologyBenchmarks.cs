using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// 2,000,000 pre-serialized click events of 200,000 customers through the whole journey topology on the test driver
/// (events in, every session closed, segments out), against <see cref="JourneyBaseline"/>, the same I/O without the
/// topology; times are per event. The driver is built and the profiles are piped outside the measured region.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class JourneyTopologyBenchmarks : IDisposable
{
    private JourneyWorkload _workload = null!;
    private JourneyPipeline? _pipeline;

    [Params(InputFormat.Json, InputFormat.Avro)]
    public InputFormat Format { get; set; }

    [GlobalSetup]
    public void Setup() => _workload = JourneyWorkload.Create(Format);

    [IterationSetup(Target = nameof(Topology))]
    public void NewPipeline() => _pipeline = new JourneyPipeline(_workload);

    [IterationCleanup(Target = nameof(Topology))]
    public void DisposePipeline()
    {
        _pipeline?.Dispose();
        _pipeline = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = JourneyWorkload.Events)]
    public long Baseline() => JourneyBaseline.Run(_workload);

    [Benchmark(OperationsPerInvoke = JourneyWorkload.Events)]
    public long Topology()
    {
        _pipeline!.PipeEvents();
        _pipeline.CloseSessions();
        return _pipeline.Segments;
    }

    public void Dispose()
    {
        DisposePipeline();
        GC.SuppressFinalize(this);
    }

    /// <summary>One invocation is a whole run of several seconds; pinned to one core (GC included), which the target is judged on.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1)
                .WithAffinity(1).WithId("1core"));
            AddColumn(StatisticColumn.Median, StatisticColumn.Min, new BenchmarkConfig.EventsPerSecondColumn());
        }
    }
}
