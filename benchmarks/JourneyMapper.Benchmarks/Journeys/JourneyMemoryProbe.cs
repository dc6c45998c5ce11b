using System.Globalization;
using System.Runtime.CompilerServices;
using Confluent.Kafka;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// `topology-memory [json|avro]`: what the journey topology holds per open session and per dedup entry, as the
/// managed heap after full blocking collections, before and after, with the input built first and kept alive, plus
/// the native memory the stores hold (<see cref="IOffHeapStore"/>: the session store's slabs, the dedup table), which the heap does not show.
/// <list type="number">
/// <item>The topology: every event piped and committed, before the end marker: all 200,000 sessions are open and
/// all first arrivals are in the dedup store. The heap grew by the stores (and the collections' slack).</item>
/// <item>A deduplication store on its own, given the same event ids at the same times: bytes per entry.</item>
/// <item>The sessions on their own: one <see cref="JourneySession"/> per customer built through
/// <see cref="JourneySession.Add"/> from the same first arrivals, held in an array: the aggregate alone.</item>
/// </list>
/// Per open session in the topology is (1) minus (2), over the open sessions: it includes the session store's
/// entries, buckets and expiry heap and the key strings, as well as anything else the run left behind.
/// </summary>
internal static class JourneyMemoryProbe
{
    public static void Run(string[] args)
    {
        var format = string.Equals(args.ElementAtOrDefault(1), "json", StringComparison.OrdinalIgnoreCase) ? InputFormat.Json : InputFormat.Avro;
        var workload = JourneyWorkload.Create(format);
        var (hashes, times, customers, customerCount) = Decode(workload);
        Console.WriteLine(Invariant($"{format}: {workload.Records.Length:N0} records of {customerCount:N0} customers"));

        var (open, topologyBytes) = Topology(workload);
        var (firstArrival, dedupEntries, dedupBytes) = Deduplication(hashes, times);
        var sessionBytes = Sessions(workload, firstArrival, times, customers, customerCount);
        Console.WriteLine(Invariant(
            $"per open session in the topology: ({topologyBytes:N0} - {dedupBytes:N0}) / {open:N0} = {(double)(topologyBytes - dedupBytes) / open:F1} B"));
        Console.WriteLine(Invariant(
            $"per dedup entry: {(double)dedupBytes / dedupEntries:F1} B; per session aggregate alone: {(double)sessionBytes / customerCount:F1} B"));
        GC.KeepAlive(workload);
    }

    // Each probe in a method of its own, so that what it built is unreachable once it returns, whatever the JIT tier.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long Open, long Bytes) Topology(JourneyWorkload workload)
    {
        using var pipeline = new JourneyPipeline(workload);
        var (heapBefore, offHeapBefore) = (FullyCollectedHeap(), pipeline.OffHeapBytes);
        pipeline.PipeEvents();
        var (heap, offHeap) = (FullyCollectedHeap() - heapBefore, pipeline.OffHeapBytes - offHeapBefore);
        var (open, dedupEntries) = (pipeline.OpenSessions, pipeline.DedupStore.ApproximateNumEntries);
        pipeline.CloseSessions();
        Console.WriteLine(Invariant(
            $"topology: {open:N0} open sessions, {dedupEntries:N0} dedup entries, heap +{heap:N0} B, stores' native memory +{offHeap:N0} B; {pipeline.Segments:N0} segments after the end marker"));
        return (open, heap + offHeap);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (bool[] FirstArrival, long Entries, long Bytes) Deduplication(UInt128[] hashes, long[] times)
    {
        var firstArrival = new bool[hashes.Length];
        var dedup = new InMemoryDeduplicationStore("dedup", TimeSpan.FromHours(24));
        var before = FullyCollectedHeap();
        for (var i = 0; i < hashes.Length; i++)
        {
            firstArrival[i] = dedup.TryAdd(hashes[i], times[i]);
        }

        var heap = FullyCollectedHeap() - before;
        var bytes = heap + dedup.OffHeapBytes;
        var entries = dedup.ApproximateNumEntries;
        Console.WriteLine(Invariant(
            $"dedup store alone: {entries:N0} entries, heap +{heap:N0} B, native {dedup.OffHeapBytes:N0} B = {(double)bytes / entries:F1} B/entry ({dedup.Capacity:N0} slots of 24 B: {dedup.Capacity * 24.0 / entries:F1} B/entry)"));
        GC.KeepAlive(dedup);
        return (firstArrival, entries, bytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Sessions(JourneyWorkload workload, bool[] firstArrival, long[] times, int[] customers, int customerCount)
    {
        var sessions = new JourneySession?[customerCount];
        var before = FullyCollectedHeap();
        var context = new SerializationContext(MessageComponentType.Value, JourneyWorkload.InputTopic);
        var cap = new SessionOptions().EntryCap;
        for (var i = 0; i < workload.Records.Length; i++)
        {
            if (firstArrival[i])
            {
                var clickEvent = workload.Serdes.ClickEvents.Deserializer.Deserialize(workload.Records[i].Value, false, context);
                (sessions[customers[i]] ??= new JourneySession()).Add(clickEvent, times[i], cap);
            }
        }

        var bytes = FullyCollectedHeap() - before;
        var entries = sessions.Sum(session => session!.EntryCount);
        Console.WriteLine(Invariant(
            $"sessions alone: {customerCount:N0} sessions of {(double)entries / customerCount:F2} entries on average, heap +{bytes:N0} B = {(double)bytes / customerCount:F1} B/session"));
        GC.KeepAlive(sessions);
        return bytes;
    }

    /// <summary>What the probes need from each record, decoded before anything is measured.</summary>
    private static (UInt128[] Hashes, long[] Times, int[] Customers, int CustomerCount) Decode(JourneyWorkload workload)
    {
        var records = workload.Records;
        var (hashes, times, customers) = (new UInt128[records.Length], new long[records.Length], new int[records.Length]);
        var indexes = new Dictionary<string, int>();
        var context = new SerializationContext(MessageComponentType.Value, JourneyWorkload.InputTopic);
        for (var i = 0; i < records.Length; i++)
        {
            var clickEvent = workload.Serdes.ClickEvents.Deserializer.Deserialize(records[i].Value, false, context);
            hashes[i] = DeduplicationKey.Hash(clickEvent.EventId!);
            times[i] = clickEvent.Timestamp!.Value;
            var customer = clickEvent.CustomerId!;
            customers[i] = indexes.TryGetValue(customer, out var index) ? index : indexes[customer] = indexes.Count;
        }

        return (hashes, times, customers, indexes.Count);
    }

    private static long FullyCollectedHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
