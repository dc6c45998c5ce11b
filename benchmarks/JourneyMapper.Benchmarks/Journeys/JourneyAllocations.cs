using System.Globalization;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// `topology-allocations [json|avro]`: which types make up the topology's bytes per event. One warm-up run, then one
/// sampled run (events piped and every session closed), printed as estimated bytes per event by type.
/// </summary>
internal static class JourneyAllocations
{
    private const int Shown = 40;

    public static void Run(string[] args)
    {
        var format = args.ElementAtOrDefault(1)?.ToLowerInvariant() == "json" ? InputFormat.Json : InputFormat.Avro;
        var workload = JourneyWorkload.Create(format);
        using var sampler = new AllocationSampler();
        for (var round = 0; round < 2; round++)
        {
            using var pipeline = new JourneyPipeline(workload);
            GC.Collect();
            if (round == 1)
            {
                sampler.Start();
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            pipeline.PipeEvents();
            pipeline.CloseSessions();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (round == 0)
            {
                continue;
            }

            var byType = sampler.Stop();
            var records = (double)workload.Records.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{format}: {allocated / records:F0} B allocated per event; sampled, by type:"));
            foreach (var (type, bytes) in byType.Take(Shown))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / records,8:F1} B/event  {100.0 * bytes / allocated,5:F1} %  {type}"));
            }
        }
    }
}
