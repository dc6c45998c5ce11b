using System.Diagnostics;
using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>
/// The CPU of every process a phase involves, thread by thread: each child process of the system under test and the
/// harness's own (mock cluster, generator, measuring), read at the window's two ends and grouped by
/// <see cref="ThreadGroups"/>. Where there is no <c>/proc</c> it reports the breakdown unavailable instead of failing.
/// </summary>
public sealed class PhaseCpu
{
    private const string NoProc = "no /proc on this system: threads' CPU time is read from Linux's /proc";

    private readonly IReadOnlyList<RunProcess> _processes;
    private readonly HashSet<int> _harnessThreadsBefore;
    private string? _unreadable;

    private PhaseCpu(IReadOnlyList<RunProcess> processes, HashSet<int> harnessThreadsBefore)
    {
        _processes = processes;
        _harnessThreadsBefore = harnessThreadsBefore;
    }

    /// <summary>
    /// Call before the generator starts: the harness's threads that exist then are not its producer's, which is how the
    /// generator's librdkafka threads are told from the harness's other clients' (their names are the same).
    /// </summary>
    public static PhaseCpu Begin(ISystemUnderTest system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var harnessId = Environment.ProcessId;
        var hostsSystem = system.Processes.Any(process => process.ProcessId == harnessId);
        var harness = new RunProcess(hostsSystem ? $"harness, with the {system.Name} in-process" : "harness", harnessId, ProcessRole.Harness);
        var children = system.Processes
            .Where(process => process.ProcessId != harnessId)
            .Select(process => new RunProcess(process.Name, process.ProcessId, system.Role));
        var before = ThreadCpu.Read(harnessId)?.Threads.Select(thread => thread.Id).ToHashSet() ?? [];
        return new PhaseCpu([.. children, harness], before);
    }

    /// <summary>Every process's threads and the machine now; null when that cannot be read.</summary>
    public CpuSnapshot? Snapshot()
    {
        if (!ThreadCpu.Available)
        {
            return null;
        }

        var timestamp = Stopwatch.GetTimestamp();
        var processes = new List<ProcessTicks>();
        foreach (var process in _processes)
        {
            if (ThreadCpu.Read(process.Id) is not { } ticks)
            {
                _unreadable ??= $"/proc/{process.Id} ({process.Name}) could not be read";
                return null;
            }

            processes.Add(ticks);
        }

        return new CpuSnapshot(timestamp, MachineCpu.Read(), processes);
    }

    public CpuBreakdown Between(CpuSnapshot? start, CpuSnapshot? end) => start is null || end is null
        ? CpuBreakdown.NotAvailable(_unreadable ?? NoProc)
        : CpuBreakdown.Between(_processes, start, end, Group);

    private string Group(RunProcess process, ThreadTicks thread) =>
        ThreadGroups.Of(process.Role, thread.Name, startedInPhase: !_harnessThreadsBefore.Contains(thread.Id));
}
