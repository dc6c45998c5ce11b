using System.Diagnostics;
using System.Globalization;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// A Stopwatch breakdown of 1M-event runs per variant (after a warm-up run): wall and process CPU time, time in
/// commits, GC pause time, collections per generation, bytes allocated per event. Where BenchmarkDotNet says
/// how fast, this says where the time goes; `profile CountLogged` runs one variant (e.g. under `perf record`).
/// </summary>
internal static class Profile
{
    public static void Run(int rounds, string? only)
    {
        var input = Workload.Create();
        Console.WriteLine("variant          total ms    cpu ms  commit ms  GC pause ms  gen0  gen1  gen2  ns/event  B/event");
        foreach (var (aggregation, logging) in new[] { (Aggregation.Count, false), (Aggregation.Count, true), (Aggregation.Sum, true) })
        {
            var name = $"{aggregation}{(logging ? "Logged" : "Unlogged")}";
            if (only is not null && only != name)
            {
                continue;
            }

            for (var round = 0; round <= rounds; round++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                var (pause, gen0, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = CpuTime();
                var started = Stopwatch.GetTimestamp();
                using var pipeline = new SessionPipeline(aggregation, logging);
                pipeline.Run(input);
                var total = Stopwatch.GetElapsedTime(started);
                cpu = CpuTime() - cpu;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                if (round == 0)
                {
                    continue; // warm-up
                }

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name,-16} {total.TotalMilliseconds,8:F0} {cpu.TotalMilliseconds,9:F0} {pipeline.CommitTime.TotalMilliseconds,10:F0} {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,12:F0} {GC.CollectionCount(0) - gen0,5} {GC.CollectionCount(1) - gen1,5} {GC.CollectionCount(2) - gen2,5} {total.TotalNanoseconds / Workload.Events,9:F0} {(double)allocated / Workload.Events,8:F0}"));
            }
        }
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
