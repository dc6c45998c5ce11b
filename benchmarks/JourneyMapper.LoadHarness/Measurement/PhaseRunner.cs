using System.Diagnostics;
using JourneyMapper.LoadHarness.Load;
using JourneyMapper.LoadHarness.Metrics;
using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>
/// Runs one phase: the generator feeds the system's input for the warm-up and the window; once a second the harness
/// reads how far the generator and the system have got, and every thread's CPU; what the window's first and last looks
/// differ by is the result. Memory and latency histograms are read at the same two points.
/// </summary>
public sealed class PhaseRunner(BenchEnvironment environment, TopicOffsets offsets, LoadGenerator load)
{
    /// <summary>Lag at the window's end counted as bounded: at most this much of the offered load is waiting.</summary>
    public static readonly TimeSpan BoundedLag = TimeSpan.FromSeconds(2);

    private const string SegmentLatency = "journeymapper_segment_latency_seconds";
    private const string ProvisionalLatency = "journeymapper_provisional_update_latency_seconds";

    /// <summary>Feeds <paramref name="system"/> at <paramref name="rate"/> events/s (0: flat out) and measures it.</summary>
    public async Task<PhaseResult> RunAsync(ISystemUnderTest system, double rate, Action<LoadSample>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var settings = environment.Settings;
        using var stopGenerator = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var cpu = PhaseCpu.Begin(system);
        var clock = Stopwatch.StartNew();
        var generator = load.RunAsync(system.InputTopic, rate, stopGenerator.Token);
        var samples = new List<LoadSample>();
        var cpuTimeline = new List<CpuPoint>();
        var lastCpu = cpu.Snapshot();
        Look? windowStart = null;
        Look? windowEnd = null;
        try
        {
            for (var tick = 1; windowEnd is null; tick++)
            {
                var due = settings.SampleInterval * tick - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }

                if (generator.IsFaulted)
                {
                    await generator.ConfigureAwait(false); // surfaces the generator's failure
                }

                var sample = await SampleAsync(system, clock.Elapsed, cancellationToken).ConfigureAwait(false);
                var cpuNow = cpu.Snapshot();
                samples.Add(sample);
                if (CpuPoint.Of(Math.Round(sample.Elapsed.TotalSeconds, 1), cpu.Between(lastCpu, cpuNow)) is { } point)
                {
                    cpuTimeline.Add(point);
                }

                lastCpu = cpuNow;
                progress?.Invoke(sample);
                if (windowStart is null && sample.Elapsed >= settings.Warmup)
                {
                    windowStart = await LookAsync(system, cpuNow, sample, cancellationToken).ConfigureAwait(false);
                }
                else if (windowStart is not null && sample.Elapsed - windowStart.Sample.Elapsed >= settings.Duration)
                {
                    windowEnd = await LookAsync(system, cpuNow, sample, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await stopGenerator.CancelAsync().ConfigureAwait(false);
            await generator.ConfigureAwait(false);
        }

        return Result(system, cpu, samples, cpuTimeline, windowStart!, windowEnd);
    }

    private async Task<LoadSample> SampleAsync(ISystemUnderTest system, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var processed = await system.ProcessedAsync(cancellationToken).ConfigureAwait(false);
        var (written, held) = offsets.Watermarks(system.InputTopic);
        return new LoadSample(elapsed, written, held, processed.Sum(), processed);
    }

    private static async Task<Look> LookAsync(ISystemUnderTest system, CpuSnapshot? cpu, LoadSample sample, CancellationToken cancellationToken) => new(
        sample,
        Usage(system.Processes),
        cpu,
        await system.ScrapeAsync(cancellationToken).ConfigureAwait(false));

    // Processes sharing the harness's process are one process: counted once.
    private static ProcessUsage Usage(IReadOnlyList<IBenchProcess> processes) =>
        processes.Any(process => process.SharesHarnessProcess)
            ? ProcessUsage.Current()
            : processes.Select(process => process.Usage()).Aggregate(default(ProcessUsage), (sum, usage) => sum + usage);

    private static PhaseResult Result(ISystemUnderTest system, PhaseCpu cpu, List<LoadSample> samples, List<CpuPoint> cpuTimeline, Look start, Look end)
    {
        var seconds = (end.Sample.Elapsed - start.Sample.Elapsed).TotalSeconds;
        var processed = end.Sample.Processed - start.Sample.Processed;
        var produced = (end.Sample.Produced - start.Sample.Produced) / seconds;
        var window = samples.Where(sample => sample.Elapsed >= start.Sample.Elapsed).ToList();
        var sharesHarness = system.Processes.Any(process => process.SharesHarnessProcess);
        return new PhaseResult
        {
            Name = system.Name,
            WindowSeconds = seconds,
            ProducedPerSecond = produced,
            ProcessedPerSecond = processed / seconds,
            ProcessedPerSecondPerInstance =
            [
                .. end.Sample.ProcessedPerInstance.Zip(start.Sample.ProcessedPerInstance, (last, first) => (last - first) / seconds),
            ],
            LagAtEnd = end.Sample.Lag,
            MaxLag = window.Max(sample => sample.Lag),
            LagBounded = end.Sample.Lag <= produced * BoundedLag.TotalSeconds,
            LostToRetention = LostToRetention(system.InputTopic, samples, end.Scrapes),
            CpuSecondsPerMillionEvents = processed > 0 ? (end.Usage.Cpu - start.Usage.Cpu).TotalSeconds * 1e6 / processed : double.NaN,
            ProcessScope = sharesHarness
                ? "the harness's one process: service or pass-through, generator and cluster together"
                : $"the {system.Name}'s own process(es)",
            PeakWorkingSetBytes = end.Usage.PeakWorkingSetBytes,
            Cpu = cpu.Between(start.Cpu, end.Cpu),
            Timeline = [.. samples.Select(sample => new LagPoint(Math.Round(sample.Elapsed.TotalSeconds, 1), sample.Produced, sample.Processed, sample.Lag))],
            CpuTimeline = cpuTimeline,
            CloseToSegment = Latency(start.Scrapes, end.Scrapes, SegmentLatency),
            ArrivalToProvisionalUpdate = Latency(start.Scrapes, end.Scrapes, ProvisionalLatency),
            OpenSessions = Sum(end.Scrapes, "journeymapper_sessions_open"),
            HeapBytes = Sum(end.Scrapes, "journeymapper_gc_heap_size_bytes"),
            StoreNativeBytes = Sum(end.Scrapes, "journeymapper_state_store_native_bytes"),
            SessionsClosed = Sum(end.Scrapes, "journeymapper_sessions_closed_total") - Sum(start.Scrapes, "journeymapper_sessions_closed_total"),
        };
    }

    /// <summary>
    /// The service says so itself: its consumers count each reset past records the input no longer held
    /// (<c>offset-resets-total</c>, since it started). The pass-through says nothing, so there the lag is compared with
    /// what the input holds, which can only estimate: records its client fetched ahead count as lag, though they are safe.
    /// </summary>
    internal static bool LostToRetention(string inputTopic, IReadOnlyList<LoadSample> samples, IReadOnlyList<PrometheusScrape> lastScrapes) =>
        lastScrapes.Count > 0
            ? lastScrapes.Sum(scrape => scrape.Sum("journeymapper_offset_resets_total", ("topic", inputTopic))) > 0
            : samples.Any(sample => sample.LagExceedsRetention);

    private static double? Sum(IReadOnlyList<PrometheusScrape> scrapes, string name) =>
        scrapes.Count == 0 ? null : scrapes.Sum(scrape => scrape.Sum(name));

    private static LatencySummary? Latency(IReadOnlyList<PrometheusScrape> start, IReadOnlyList<PrometheusScrape> end, string family)
    {
        if (end.Count == 0)
        {
            return null;
        }

        // Per instance first: each instance's histogram grows on its own.
        var window = end.Zip(start, (last, first) => last.Histogram(family).Minus(first.Histogram(family))).Aggregate(LatencyHistogram.Empty, (sum, next) => sum.Plus(next));
        return LatencySummary.Of(window);
    }

    private sealed record Look(LoadSample Sample, ProcessUsage Usage, CpuSnapshot? Cpu, IReadOnlyList<PrometheusScrape> Scrapes);
}
