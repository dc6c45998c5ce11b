using System.Globalization;
using System.Text;
using JourneyMapper.LoadHarness.Measurement;

namespace JourneyMapper.LoadHarness.Report;

/// <summary>
/// Where the cores went in each phase's window, as a table: the machine busy and idle, every process of the run by
/// thread group (its children first, the harness last), and what the rest of the machine took.
/// </summary>
public static class CoresTable
{
    public static void Write(StringBuilder text, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        var phases = new[] { report.PassThrough, report.Service };
        var measured = phases.OfType<PhaseResult>().Where(phase => phase.Cpu.Unavailable is null).ToList();
        if (measured.Count == 0)
        {
            Line(text, $"where the cores went: unavailable ({report.Service.Cpu.Unavailable})");
            return;
        }

        Line(text, $"| where the cores went over the window (cores busy, of {report.Machine.ProcessorCount}) | pass-through | service |");
        Line(text, "|---|---:|---:|");
        Row(text, "**machine busy**", phases, cpu => cpu.BusyCores is { } busy ? $"**{Cores(busy)}**" : "–");
        Row(text, "machine idle", phases, cpu => cpu.IdleCores is { } idle ? Cores(idle) : "–");
        Row(text, "the run's processes", phases, cpu => Cores(cpu.RunCores));

        // A process's rows together, children before the harness, each process's groups in ThreadGroups' order.
        var processes = measured.SelectMany(phase => phase.Cpu.Groups)
            .Select(share => (share.Process, share.Role))
            .Distinct()
            .OrderBy(process => process.Role == ProcessRole.Harness);
        foreach (var (process, role) in processes)
        {
            var groups = measured.SelectMany(phase => phase.Cpu.Groups)
                .Where(share => share.Process == process && share.Role == role)
                .Select(share => share.Group)
                .Distinct()
                .OrderBy(ThreadGroups.Rank);
            foreach (var group in groups)
            {
                Row(text, CpuShare.Label(process, group), phases, cpu => cpu.Groups.FirstOrDefault(share => share.Process == process && share.Group == group) is { } share
                    ? Cores(share.Cores)
                    : "–");
            }
        }

        Row(text, "rest of the machine (other processes, interrupts)", phases, cpu => cpu.RestOfMachineCores is { } rest ? Cores(rest) : "–");
        foreach (var (name, phase) in new[] { ("pass-through", report.PassThrough), ("service", report.Service) })
        {
            if (phase?.Cpu.Unavailable is { } reason)
            {
                Line(text, $"{name}: where the cores went is unavailable ({reason})");
            }
        }
    }

    private static void Row(StringBuilder text, string label, PhaseResult?[] phases, Func<CpuBreakdown, string> cell) =>
        Line(text, $"| {label} | {string.Join(" | ", phases.Select(phase => phase?.Cpu is { Unavailable: null } cpu ? cell(cpu) : "–"))} |");

    private static string Cores(double cores) => cores.ToString("F2", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
