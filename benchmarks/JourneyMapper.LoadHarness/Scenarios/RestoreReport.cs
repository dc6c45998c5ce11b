using System.Globalization;
using System.Text;
using JourneyMapper.LoadHarness.Report;
using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>The service's side of a restore run: times from its process start, rates, CPU and memory.</summary>
public sealed record ServiceRestore
{
    public required ServiceHosting Hosting { get; init; }

    /// <summary>Whose CPU and memory these are: the service's own process, or the harness's (with the cluster in it).</summary>
    public required string ProcessScope { get; init; }

    /// <summary>Process start to the first answer of <c>/metrics</c>: the host is up.</summary>
    public double? MetricsUpSeconds { get; init; }

    /// <summary>Process start to the first restored record (midway between the last scrape showing none and the first showing some).</summary>
    public double? FirstRestoredSeconds { get; init; }

    /// <summary>Process start to the last restored record (midway between the last scrape short of the total and the first at it).</summary>
    public double? LastRestoredSeconds { get; init; }

    /// <summary>Process start to the first 200 of <c>/health/ready</c> (within one scrape interval).</summary>
    public required double ReadySeconds { get; init; }

    /// <summary><c>journeymapper_records_restored_total</c> over every store.</summary>
    public required long RecordsRestored { get; init; }

    /// <summary>The same for the session store only.</summary>
    public required long SessionRecordsRestored { get; init; }

    public double? RestoreWindowSeconds => LastRestoredSeconds - FirstRestoredSeconds;

    /// <summary>Records restored over first to last restored record: the restore's own rate.</summary>
    public double RecordsPerSecondInWindow => RestoreWindowSeconds is > 0 and var window ? RecordsRestored / window : 0;

    /// <summary>Records restored over process start to ready: what a restart costs.</summary>
    public double RecordsPerSecondStartToReady => ReadySeconds > 0 ? RecordsRestored / ReadySeconds : 0;

    public required double CpuSecondsToReady { get; init; }

    /// <summary>CPU seconds over the scrapes bracketing the restore window, per second of it: cores kept busy while restoring.</summary>
    public double? CoresBusyDuringRestore { get; init; }

    public required long PeakWorkingSetBytes { get; init; }

    public double? HeapBytesAfterRestore { get; init; }

    /// <summary>What the stores hold in native memory after the restore: the sessions' slabs and the dedup tables.</summary>
    public double? StoreNativeBytesAfterRestore { get; init; }

    public double? OpenSessionsAfterRestore { get; init; }

    public string? LogPath { get; init; }

    public required IReadOnlyList<RestoreSample> Timeline { get; init; }

    internal static ServiceRestore From(
        RestoreSettings settings, IReadOnlyList<RestoreSample> samples, RestoreSample after, ProcessUsage usage, bool sharesHarness, string? logPath)
    {
        var ready = samples[^1];
        var total = Math.Max(ready.RecordsRestored, after.RecordsRestored);
        var sessions = Math.Max(ready.SessionRecordsRestored, after.SessionRecordsRestored);
        var first = IndexOf(samples, sample => sample.RecordsRestored > 0);
        var done = IndexOf(samples, sample => total > 0 && sample.RecordsRestored >= total);
        double? cores = null;
        if (first > 0 && done >= first && samples[first - 1].CpuSeconds is { } cpuBefore && samples[done].CpuSeconds is { } cpuAfter)
        {
            cores = (cpuAfter - cpuBefore) / (samples[done].Seconds - samples[first - 1].Seconds);
        }

        return new ServiceRestore
        {
            Hosting = settings.Hosting,
            ProcessScope = sharesHarness
                ? "the harness's whole process (the service in-process, with the mock cluster and the scraper)"
                : "the service's own process",
            MetricsUpSeconds = samples.FirstOrDefault(sample => sample.MetricsUp)?.Seconds,
            FirstRestoredSeconds = Midway(samples, first),
            LastRestoredSeconds = Midway(samples, done),
            ReadySeconds = ready.Seconds,
            RecordsRestored = total,
            SessionRecordsRestored = sessions,
            CpuSecondsToReady = usage.Cpu.TotalSeconds,
            CoresBusyDuringRestore = cores,
            PeakWorkingSetBytes = usage.PeakWorkingSetBytes,
            HeapBytesAfterRestore = after.HeapBytes,
            StoreNativeBytesAfterRestore = after.StoreNativeBytes,
            OpenSessionsAfterRestore = after.OpenSessions,
            LogPath = logPath,
            Timeline = samples,
        };
    }

    private static int IndexOf(IReadOnlyList<RestoreSample> samples, Func<RestoreSample, bool> predicate)
    {
        for (var i = 0; i < samples.Count; i++)
        {
            if (predicate(samples[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // The event happened between the scrape before and this one: the middle is off by at most half an interval.
    private static double? Midway(IReadOnlyList<RestoreSample> samples, int index) => index switch
    {
        < 0 => null,
        0 => samples[0].Seconds,
        _ => (samples[index - 1].Seconds + samples[index].Seconds) / 2,
    };
}

/// <summary>Everything one restore run measured, as the JSON report holds it and as a Markdown table.</summary>
public sealed record RestoreReport
{
    public required DateTimeOffset Started { get; init; }

    public required MachineInfo Machine { get; init; }

    public required RestoreSettings Settings { get; init; }

    /// <summary>Partitions of the changelog (and every topic), as given or as chosen to fit the mock's retention.</summary>
    public required int Partitions { get; init; }

    public required ChangelogFill Fill { get; init; }

    /// <summary>The same changelog read by the raw client with the service's restore settings, in the same run.</summary>
    public required ChangelogReadResult RawClient { get; init; }

    public required ServiceRestore Service { get; init; }

    /// <summary>The service's restore rate as a fraction of the raw client's.</summary>
    public double? FractionOfRawClient => RawClient.RecordsPerSecond > 0 ? Service.RecordsPerSecondInWindow / RawClient.RecordsPerSecond : null;

    public double TargetRecordsPerSecond { get; init; } = RestoreSettings.TargetRecordsPerSecond;

    public bool MeetsTarget => Service.RecordsPerSecondInWindow >= TargetRecordsPerSecond;

    public string Verdict
    {
        get
        {
            var rate = Service.RecordsPerSecondInWindow;
            if (MeetsTarget)
            {
                return $"met: {rate:N0} records/s restored, target {TargetRecordsPerSecond:N0} (start → ready: {Service.RecordsPerSecondStartToReady:N0} records/s)";
            }

            var atTarget = Service.RecordsRestored / TargetRecordsPerSecond;
            var rawRate = RawClient.RecordsPerSecond;
            var rawClient = rawRate >= TargetRecordsPerSecond
                ? $"the raw client alone read {rawRate:N0} records/s, {rawRate / TargetRecordsPerSecond:F2}× the target"
                : $"the raw client alone read only {rawRate:N0} records/s: the target is {(rawRate > 0 ? TargetRecordsPerSecond / rawRate : double.PositiveInfinity):F2}× beyond it here";
            return $"missed: {rate:N0} records/s is {1 - (rate / TargetRecordsPerSecond):P0} below the target of {TargetRecordsPerSecond:N0} "
                + $"(the target needs {(rate > 0 ? TargetRecordsPerSecond / rate : double.PositiveInfinity):F1}× this rate: {Service.RecordsRestored:N0} records "
                + $"in {atTarget:F1} s, not {Service.RestoreWindowSeconds:F1} s; start → ready took {Service.ReadySeconds:F1} s); {rawClient}";
        }
    }

    /// <summary>What does not add up: every written session must come back, and stay open.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (Service.SessionRecordsRestored != Fill.SessionsWritten)
            {
                problems.Add($"{Service.SessionRecordsRestored:N0} session records restored, {Fill.SessionsWritten:N0} written");
            }

            if (RawClient.Records != Fill.ChangelogRecords)
            {
                problems.Add($"the raw client read {RawClient.Records:N0} records, {Fill.ChangelogRecords:N0} written");
            }

            if (Service.OpenSessionsAfterRestore is not { } open || (long)open != Fill.SessionsWritten)
            {
                problems.Add($"{Service.OpenSessionsAfterRestore?.ToString("N0", CultureInfo.InvariantCulture) ?? "no"} open sessions after the restore, {Fill.SessionsWritten:N0} written");
            }

            return problems;
        }
    }

    public string ToJson() => ReportJson.Write(this);

    public string ToMarkdown()
    {
        var (fill, service, settings) = (Fill, Service, Settings);
        var text = new StringBuilder();
        Line(text, $"{Machine.ProcessorCount} cores, {Machine.Os}, {Machine.Runtime}");
        Line(text, $"restore of {fill.SessionsWritten:N0} open sessions: {Partitions} partitions{(settings.Partitions > 0 ? "" : " (auto)")}, "
            + $"{settings.Brokers} brokers, 1 instance {settings.Hosting}, seed {settings.Seed}");
        text.Append('\n');
        Line(text, "| | |");
        Line(text, "|---|---:|");
        Row(text, "sessions written (clicks behind them)", $"{Number(fill.SessionsWritten)} ({Number(fill.EventsBehindSessions)})");
        Row(text, "changelog records / payload", $"{Number(fill.ChangelogRecords)} / {Megabytes(fill.PayloadBytes)} ({fill.AverageRecordBytes:F0} B per record)");
        Row(text, "per partition: records min–max / largest payload", $"{Number(fill.SmallestPartitionRecords)}–{Number(fill.LargestPartitionRecords)} / "
            + $"{Megabytes(fill.LargestPartitionPayloadBytes)} of the mock's {Megabytes(RestoreSettings.MockPartitionRetentionBytes)}");
        Row(text, "nothing dropped (low watermarks all 0)", fill.NothingDropped ? "yes" : "**no**");
        Row(text, "fill: build sessions / produce", $"{fill.GenerateSeconds:F1} s / {fill.ProduceSeconds:F1} s ({Number(fill.ProducedPerSecond)} records/s, full 1 MB batches)");
        Row(text, "raw client, the service's restore settings, nothing stored: records/s, first → last record", $"{Number(RawClient.RecordsPerSecond)} "
            + $"(over {Seconds(RawClient.Seconds)}; assignment → last record {Seconds(RawClient.SecondsFromAssign)}, {RawClient.CpuSeconds:F1} CPU s)");
        Row(text, "start → /metrics up", Seconds(service.MetricsUpSeconds));
        Row(text, "start → first restored record", Seconds(service.FirstRestoredSeconds));
        Row(text, "start → last restored record", Seconds(service.LastRestoredSeconds));
        Row(text, "**start → ready**", $"**{Seconds(service.ReadySeconds)}**");
        Row(text, "records restored (all stores / session store)", $"{Number(service.RecordsRestored)} / {Number(service.SessionRecordsRestored)}");
        Row(text, "**restored records/s, first → last record**", $"**{Number(service.RecordsPerSecondInWindow)}** (over {Seconds(service.RestoreWindowSeconds)})");
        Row(text, "**service / raw client**", FractionOfRawClient is { } fraction ? $"**{fraction:P0}**" : "–");
        Row(text, "restored records/s, start → ready", Number(service.RecordsPerSecondStartToReady));
        Row(text, "service CPU to ready", $"{service.CpuSecondsToReady:F1} s");
        Row(text, "cores busy while restoring", service.CoresBusyDuringRestore is { } cores ? cores.ToString("F2", CultureInfo.InvariantCulture) : "–");
        Row(text, "peak working set", Megabytes(service.PeakWorkingSetBytes));
        Row(text, "managed heap after restore (per open session)", PerOpenSession(service.HeapBytesAfterRestore));
        Row(text, "stores' native memory after restore (per open session)", PerOpenSession(service.StoreNativeBytesAfterRestore));
        Row(text, "open sessions after restore", service.OpenSessionsAfterRestore is { } sessions ? Number(sessions) : "–");
        text.Append('\n');
        Line(text, $"verdict: **{Verdict}**");
        Line(text, $"CPU and memory: {service.ProcessScope}");
        foreach (var problem in Problems)
        {
            Line(text, $"**problem: {problem}**");
        }

        return text.ToString();

        string PerOpenSession(double? bytes) => bytes is { } total
            ? $"{Megabytes((long)total)}{(service.OpenSessionsAfterRestore is > 0 and var open ? $" ({Number(total / open)} B)" : "")}"
            : "–";
    }

    private static void Row(StringBuilder text, string label, string value) => Line(text, $"| {label} | {value} |");

    private static string Seconds(double? seconds) => seconds is { } value ? value.ToString("F2", CultureInfo.InvariantCulture) + " s" : "–";

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
