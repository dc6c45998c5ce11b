using System.Diagnostics;
using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>One thread group of one process: the cores it kept busy, on average over the window.</summary>
public sealed record CpuShare(string Process, ProcessRole Role, string Group, double Cores)
{
    /// <summary>How the report names a process's thread group, in the table and in the per-second timeline alike.</summary>
    public static string Label(string process, string group) => $"{process}: {group}";
}

/// <summary>
/// Where the machine's cores went over a phase's window: each process the run involves (the harness's own and each
/// child's) by thread group (<see cref="ThreadGroups"/>), the rest of the machine, and idle. Figures are cores: CPU
/// seconds per second of the window.
/// </summary>
public sealed record CpuBreakdown
{
    /// <summary>The machine's cores: <c>/proc/stat</c>'s count, or the runtime's where that was not read.</summary>
    public required int Cores { get; init; }

    /// <summary>Why there is no breakdown (no <c>/proc</c> here, or a process could not be read); null when there is.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Cores idle on the whole machine, from <c>/proc/stat</c>.</summary>
    public double? IdleCores { get; init; }

    /// <summary>Cores busy on the whole machine: what idle leaves (see <see cref="MachineCpu"/>).</summary>
    public double? BusyCores => Cores - IdleCores;

    /// <summary>By process in the phase's order, then as <see cref="ThreadGroups.Rank"/> orders them.</summary>
    public IReadOnlyList<CpuShare> Groups { get; init; } = [];

    /// <summary>Cores the run's processes used.</summary>
    public double RunCores => Groups.Sum(share => share.Cores);

    /// <summary>What the machine was busy with besides the run: other processes, and interrupts not charged to a thread.</summary>
    public double? RestOfMachineCores => BusyCores is { } busy ? Math.Max(0, busy - RunCores) : null;

    public static CpuBreakdown NotAvailable(string reason) => new() { Cores = Environment.ProcessorCount, Unavailable = reason };

    /// <summary>
    /// Each thread's ticks at <paramref name="end"/> less those at <paramref name="start"/>; a thread that did not exist
    /// at the start (or whose id now names another thread) counts from zero. A process's total keeps the time of
    /// threads that ended within the window, which no thread of the end holds: it goes to <see cref="ThreadGroups.Other"/>.
    /// </summary>
    public static CpuBreakdown Between(
        IReadOnlyList<RunProcess> processes, CpuSnapshot start, CpuSnapshot end, Func<RunProcess, ThreadTicks, string> group)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(group);
        var ticksPerCore = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds * ThreadCpu.TicksPerSecond;
        var shares = new List<CpuShare>();
        for (var i = 0; i < processes.Count; i++)
        {
            var before = start.Processes[i].Threads.ToDictionary(thread => thread.Id);
            var ticks = new Dictionary<string, long>();
            long threadsTotal = 0;
            foreach (var thread in end.Processes[i].Threads)
            {
                var used = before.TryGetValue(thread.Id, out var earlier) && earlier.Name == thread.Name && earlier.Ticks <= thread.Ticks
                    ? thread.Ticks - earlier.Ticks
                    : thread.Ticks;
                var name = group(processes[i], thread);
                ticks[name] = ticks.GetValueOrDefault(name) + used;
                threadsTotal += used;
            }

            var ended = end.Processes[i].Ticks - start.Processes[i].Ticks - threadsTotal;
            if (ended > 0)
            {
                ticks[ThreadGroups.Other] = ticks.GetValueOrDefault(ThreadGroups.Other) + ended;
            }

            shares.AddRange(ticks
                .OrderBy(entry => ThreadGroups.Rank(entry.Key))
                .Select(entry => new CpuShare(processes[i].Name, processes[i].Role, entry.Key, entry.Value / ticksPerCore)));
        }

        return new CpuBreakdown
        {
            Cores = end.Machine?.Cores ?? Environment.ProcessorCount,
            IdleCores = (end.Machine?.Idle - start.Machine?.Idle) / ticksPerCore,
            Groups = shares,
        };
    }
}
