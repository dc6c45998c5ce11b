using System.Diagnostics;
using JourneyMapper.LoadHarness.Load;
using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.PassThrough;
using JourneyMapper.LoadHarness.Report;
using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>
/// The load run: on one embedded cluster, first the pass-through (the raw clients' limit), then the service, each fed
/// the same clickstream for the same window, at the same offered rate unless the service's is set apart; then the report.
/// </summary>
public static class ThroughputScenario
{
    public static async Task<BenchReport> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var started = DateTimeOffset.UtcNow;
        await using var environment = await BenchEnvironment.StartAsync(settings, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"cluster {environment.Cluster.BootstrapServers}; child logs in {settings.LogDirectory}").ConfigureAwait(false);
        using var offsets = new TopicOffsets(environment.Cluster.BootstrapServers, settings.Partitions);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var rendering = Stopwatch.StartNew();
        var load = LoadGenerator.Prepare(environment, settings.PassThrough ? settings.Rate : 0, settings.ServicePhaseRate);
        if (load.Rendered is { } rendered)
        {
            await log.WriteLineAsync(
                $"rendered {rendered.Count:N0} records ({rendered.Bytes / (1 << 20):N0} MiB) for the paced phases in {rendering.Elapsed.TotalSeconds:F0} s").ConfigureAwait(false);
        }

        var runner = new PhaseRunner(environment, offsets, load);

        PhaseResult? passThrough = null;
        if (settings.PassThrough)
        {
            await using var pipe = await PassThroughSystem.StartAsync(environment, offsets, cancellationToken).ConfigureAwait(false);
            passThrough = await runner.RunAsync(pipe, settings.Rate, Progress(log, "pass-through"), cancellationToken).ConfigureAwait(false);
        }

        await using var service = await ServiceSystem.StartAsync(environment, http, cancellationToken).ConfigureAwait(false);
        var measured = await runner.RunAsync(service, settings.ServicePhaseRate, Progress(log, "service"), cancellationToken).ConfigureAwait(false);
        return new BenchReport
        {
            Started = started,
            Machine = MachineInfo.Current(),
            Settings = settings,
            PassThrough = passThrough,
            Service = measured,
        };
    }

    private static Action<LoadSample> Progress(TextWriter log, string phase) => sample => log.WriteLine(
        $"{phase,-12} {sample.Elapsed.TotalSeconds,5:F0} s  produced {sample.Produced,11:N0}  processed {sample.Processed,11:N0}  lag {sample.Lag,9:N0}");
}
