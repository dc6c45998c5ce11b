using System.Globalization;

namespace JourneyMapper.LoadHarness.Services;

/// <summary>
/// The whole machine's cores and its idle time so far over all of them, in clock ticks (<see cref="ThreadCpu.TicksPerSecond"/>),
/// from Linux's <c>/proc/stat</c>. Only idle is taken: a tickless kernel counts it exactly, as it counts threads' run
/// time, while the busy fields are sampled at each tick and miss work that runs and sleeps between ticks (at light load
/// they showed a third less than the run's own threads). What idle leaves is busy.
/// </summary>
/// <param name="Idle">Idle and waiting for I/O.</param>
public readonly record struct MachineCpu(int Cores, long Idle)
{
    // The aggregate line: cpu user nice system idle iowait irq softirq steal guest guest_nice.
    private const int IdleField = 4;
    private const int IoWaitField = 5;

    /// <summary>Now; null where there is no <c>/proc/stat</c>.</summary>
    public static MachineCpu? Read() => ThreadCpu.Available ? Parse(File.ReadAllText("/proc/stat")) : null;

    /// <summary>The idle time of the aggregate <c>cpu</c> line, and the cores as the <c>cpuN</c> lines count them.</summary>
    public static MachineCpu Parse(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        long? idle = null;
        var cores = 0;
        foreach (var line in stat.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is ["cpu", ..] && fields.Length > IoWaitField)
            {
                idle = long.Parse(fields[IdleField], CultureInfo.InvariantCulture) + long.Parse(fields[IoWaitField], CultureInfo.InvariantCulture);
            }
            else if (fields is [var name, ..] && name.Length > 3 && name.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(name[3]))
            {
                cores++;
            }
        }

        return idle is { } ticks && cores > 0
            ? new MachineCpu(cores, ticks)
            : throw new FormatException("No aggregate cpu line or no cpuN lines in /proc/stat.");
    }
}
