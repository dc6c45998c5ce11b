using System.Diagnostics;
using System.Globalization;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// `topology [json|avro|both] [commitEvery] [rounds]`: the whole journey benchmark end to end with a Stopwatch,
/// after a warm-up round: per round the floor (<see cref="JourneyFloor"/>: the driver and the input's decoding alone),
/// the baseline, then the topology (events in, every session closed, segments out), with process CPU time, time in
/// commits, GC pauses and collections, and bytes allocated per event. The ratio compares the topology with the baseline
/// within the round. Run it under `taskset -c 0` for the one-core figure.
/// </summary>
internal static class JourneyHarness
{
    public static void Run(string[] args)
    {
        var formats = args.ElementAtOrDefault(1)?.ToLowerInvariant() switch
        {
            "json" => [InputFormat.Json],
            "avro" => [InputFormat.Avro],
            _ => new[] { InputFormat.Json, InputFormat.Avro },
        };
        var commitEvery = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : JourneyPipeline.DefaultCommitEvery;
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine(Invariant($"{Environment.ProcessorCount} processor(s) usable; commit every {commitEvery:N0} records; {rounds} rounds after a warm-up"));
        foreach (var format in formats)
        {
            var started = Stopwatch.GetTimestamp();
            var workload = JourneyWorkload.Create(format);
            var records = workload.Records.Length;
            Console.WriteLine(Invariant(
                $"{format}: {records:N0} records, {workload.Profiles.Length:N0} profiles, {(double)workload.InputBytes / records:F0} B/record, generated in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
            Console.WriteLine("round  floor ns/ev  baseline ns/ev  topology ms  cpu ms  commit ms  GC pause ms  gen0  gen1  gen2  ns/event  B/event     events/s  ratio  open sessions  segments  output records");
            for (var round = 0; round <= rounds; round++)
            {
                var floor = Measure(() => JourneyFloor.Run(workload));
                var baseline = Measure(() => JourneyBaseline.Run(workload));
                using var pipeline = new JourneyPipeline(workload, commitEvery);
                long open = 0;
                var topology = Measure(() =>
                {
                    pipeline.PipeEvents();
                    open = pipeline.OpenSessions;
                    pipeline.CloseSessions();
                });
                if (round == 0)
                {
                    continue; // warm-up: the JIT's tiers and the profile-guided code settle
                }

                var perEvent = topology.Wall.TotalNanoseconds / records;
                var baselinePerEvent = baseline.Wall.TotalNanoseconds / records;
                Console.WriteLine(Invariant(
                    $"{round,5} {floor.Wall.TotalNanoseconds / records,12:F0} {baselinePerEvent,15:F0} {topology.Wall.TotalMilliseconds,12:F0} {topology.Cpu.TotalMilliseconds,7:F0} {pipeline.CommitTime.TotalMilliseconds,10:F0} {topology.GcPause.TotalMilliseconds,12:F0} {topology.Gen0,5} {topology.Gen1,5} {topology.Gen2,5} {perEvent,9:F0} {(double)topology.Allocated / records,8:F0} {1e9 / perEvent,12:N0} {perEvent / baselinePerEvent,6:F2} {open,14:N0} {pipeline.Segments,9:N0} {pipeline.OutputRecords,15:N0}"));
            }
        }
    }

    private static Measurement Measure(Action action)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var (pause, gen0, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = CpuTime();
        var started = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(started);
        return new Measurement(
            wall,
            CpuTime() - cpu,
            GC.GetTotalPauseDuration() - pause,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Measurement(TimeSpan Wall, TimeSpan Cpu, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long Allocated);
}
