using System.Globalization;
using System.Text;
using JourneyMapper.LoadHarness.Measurement;

namespace JourneyMapper.LoadHarness.Report;

/// <summary>The report as a table for the terminal and for BENCHMARKS.md (Markdown).</summary>
public static class ReportTable
{
    public static string Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var settings = report.Settings;
        var text = new StringBuilder();
        Line(text, $"{report.Machine.ProcessorCount} cores, {report.Machine.Os}, {report.Machine.Runtime}");
        var offered = settings.ServicePhaseRate == settings.Rate
            ? Offered(settings.Rate)
            : $"{Offered(settings.Rate)} to the pass-through, {Offered(settings.ServicePhaseRate)} to the service";
        Line(text, $"offered: {offered}, {settings.Format}, {settings.Customers:N0} customers, "
            + $"{settings.Brokers} brokers, {settings.Partitions} partitions, {settings.Instances} instance(s) {settings.Hosting}, "
            + $"window {settings.Duration.TotalSeconds:F0} s after {settings.Warmup.TotalSeconds:F0} s warm-up");
        text.Append('\n');
        Line(text, "| | pass-through | service |");
        Line(text, "|---|---:|---:|");
        Row(text, "produced events/s", report, phase => Number(phase.ProducedPerSecond));
        Row(text, "**sustained events/s**", report, phase => $"**{Number(phase.ProcessedPerSecond)}**");
        Row(text, "per instance events/s", report, phase => string.Join(" + ", phase.ProcessedPerSecondPerInstance.Select(Number)));
        Row(text, "lag at end / max (records)", report, phase => $"{phase.LagAtEnd:N0} / {phase.MaxLag:N0}");
        Row(text, $"lag bounded (≤ {PhaseRunner.BoundedLag.TotalSeconds:F0} s of load)", report, phase => phase.LagBounded ? "yes" : "**no**");
        Row(text, "lag outgrew the input's retention", report, phase => phase.LostToRetention ? "**yes: records lost unread; the consumer then keeps resetting to the oldest offset, so the rate understates**" : "no");
        Row(text, "CPU s per million events", report, phase => phase.CpuSecondsPerMillionEvents.ToString("F1", CultureInfo.InvariantCulture));
        Row(text, "peak working set", report, phase => Megabytes(phase.PeakWorkingSetBytes));
        Row(text, "close → segment p50 / p95 / p99 / max ≤ (ms)", report, phase => Latency(phase.CloseToSegment));
        Row(text, "arrival → provisional update p50 / p95 / p99 / max ≤ (ms)", report, phase => Latency(phase.ArrivalToProvisionalUpdate));
        Row(text, "sessions closed in window", report, phase => phase.SessionsClosed is { } closed ? Number(closed) : "–");
        Row(text, "open sessions at end", report, phase => phase.OpenSessions is { } open ? Number(open) : "–");
        Row(text, "bytes per open session, heap and stores' native memory (upper bound)", report, phase => phase.BytesPerOpenSession is { } bytes ? Number(bytes) : "–");
        text.Append('\n');
        Line(text, report.FractionOfPassThrough is { } fraction
            ? $"service / pass-through: **{fraction:P0}**" + (report.Service.LagBounded ? string.Empty : " (the service's lag was not bounded: not a rate it sustains)")
            : "service / pass-through: not measured (--no-pass-through)");
        Line(text, $"CPU and memory: {report.Service.ProcessScope}");
        text.Append('\n');
        Targets(text, report);
        text.Append('\n');
        CoresTable.Write(text, report);
        return text.ToString();
    }

    private static void Targets(StringBuilder text, BenchReport report)
    {
        Line(text, "| target | reached | verdict |");
        Line(text, "|---|---|---|");
        foreach (var target in report.Targets)
        {
            Line(text, $"| {target.Target} | {target.Reached} | {(target.Status == TargetStatus.NotMeasured ? target.Verdict : $"**{target.Verdict}**")} |");
        }
    }

    private static void Row(StringBuilder text, string label, BenchReport report, Func<PhaseResult, string> cell) =>
        Line(text, $"| {label} | {(report.PassThrough is { } baseline ? cell(baseline) : "–")} | {cell(report.Service)} |");

    private static string Latency(LatencySummary? latency) => latency is null || latency.Count == 0
        ? "–"
        : $"{Ms(latency.P50Ms)} / {Ms(latency.P95Ms)} / {Ms(latency.P99Ms)} / {Ms(latency.MaxAtMostMs)} ({latency.Count:N0})";

    private static string Offered(double rate) => rate > 0 ? $"{rate:N0} events/s" : "flat out";

    private static string Ms(double? value) => value is { } ms ? ms.ToString(ms < 10 ? "F2" : "F0", CultureInfo.InvariantCulture) : "–";

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
