using System.Globalization;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// Store memory per open session: the managed heap after the 1M-event run minus the heap before it (input
/// already built, kept alive throughout, so it cancels out), both after full blocking collections, divided by
/// the store's open sessions. What remains is what the runtime holds: session nodes, the per-key dictionary,
/// the expiry heap, the key strings, the changelog dirty set (empty after the last commit, capacity kept).
/// </summary>
internal static class MemoryProbe
{
    public static void Run(int keys)
    {
        var input = Workload.Create(keys);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{keys:N0} keys, {input.Timestamps.Length:N0} events"));
        Console.WriteLine("variant          open sessions   store bytes   bytes/open session   changelog records   emitted");
        foreach (var (aggregation, logging) in new[] { (Aggregation.Count, true), (Aggregation.Count, false), (Aggregation.Sum, true) })
        {
            using var pipeline = new SessionPipeline(aggregation, logging);
            var before = FullyCollectedHeap();
            pipeline.Run(input);
            var after = FullyCollectedHeap();
            var open = pipeline.OpenSessions;
            var name = $"{aggregation}{(logging ? "Logged" : "Unlogged")}";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-16} {open,13:N0} {after - before,13:N0} {(double)(after - before) / open,20:F1} {pipeline.ChangelogRecords,19:N0} {pipeline.Emitted,9:N0}"));
        }

        GC.KeepAlive(input);
    }

    private static long FullyCollectedHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
