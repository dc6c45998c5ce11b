using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>A process a phase involves, as the CPU breakdown names it and groups its threads.</summary>
public sealed record RunProcess(string Name, int Id, ProcessRole Role);

/// <summary>
/// The CPU time of a phase's processes (in the order of its <see cref="RunProcess"/> list), thread by thread, and of
/// the machine, at one point: two of them give a <see cref="CpuBreakdown"/>.
/// </summary>
/// <param name="Timestamp">When it was read, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
public sealed record CpuSnapshot(long Timestamp, MachineCpu? Machine, IReadOnlyList<ProcessTicks> Processes);
