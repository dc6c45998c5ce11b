using System.Globalization;
using System.Runtime.InteropServices;

namespace JourneyMapper.LoadHarness.Services;

/// <summary>One thread's CPU time so far (user + system, in clock ticks) and its name as Linux keeps it: at most 15 bytes.</summary>
public readonly record struct ThreadTicks(int Id, string Name, long Ticks);

/// <summary>
/// A process's CPU time so far in clock ticks: its total, which keeps the time of threads that have ended, and each live
/// thread's.
/// </summary>
public sealed record ProcessTicks(long Ticks, IReadOnlyList<ThreadTicks> Threads);

/// <summary>
/// Per-thread CPU time from Linux's <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/stat</c>, which is what tells the service's
/// stream thread from its librdkafka threads, or the mock brokers from the generator inside the harness's one process.
/// </summary>
public static partial class ThreadCpu
{
    private const int ClockTicksSetting = 2; // _SC_CLK_TCK on Linux
    private const double DefaultTicksPerSecond = 100;

    /// <summary>Whether this system has a <c>/proc</c> to read (Linux); elsewhere there is no per-thread breakdown.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task");

    /// <summary>The unit of every tick count here (USER_HZ: 100 on the architectures .NET runs on, asked nevertheless).</summary>
    public static double TicksPerSecond { get; } = Available && SysConf(ClockTicksSetting) is > 0 and var ticks ? ticks : DefaultTicksPerSecond;

    /// <summary>The process's threads now; null when it is gone or there is no <c>/proc</c>.</summary>
    public static ProcessTicks? Read(int processId)
    {
        if (!Available)
        {
            return null;
        }

        var directory = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            var total = ParseStat(File.ReadAllText(directory + "/stat")).Ticks;
            var threads = new List<ThreadTicks>();
            foreach (var task in Directory.EnumerateDirectories(directory + "/task"))
            {
                if (ReadThread(task) is { } thread)
                {
                    threads.Add(thread);
                }
            }

            return new ProcessTicks(total, threads);
        }
        catch (IOException)
        {
            return null; // the process ended
        }
    }

    /// <summary>
    /// The name and user + system ticks (fields 14 and 15) of a <c>stat</c> line. The name is the one
    /// <c>/proc/…/comm</c> holds, in parentheses; it may hold spaces and parentheses itself, so the fields after it
    /// are found from the last <c>)</c>.
    /// </summary>
    public static (string Name, long Ticks) ParseStat(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw new FormatException($"Not a /proc stat line: {stat}");
        }

        // After the name come the fields from 3 (state) on: field n is at n - 3.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var user = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return (stat[(open + 1)..close], user + system);
    }

    private static ThreadTicks? ReadThread(string task)
    {
        try
        {
            var (name, ticks) = ParseStat(File.ReadAllText(task + "/stat"));
            return new ThreadTicks(int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), name, ticks);
        }
        catch (IOException)
        {
            return null; // the thread ended between listing and reading
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial nint SysConf(int name); // returns a C long
}
