using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// The runtime's own allocation sampling (the GC's AllocationTick event, about one per 100 KB allocated, naming the
/// type of the object that crossed the mark) read in-process, so "which types make up the bytes per event" needs no
/// dotnet-trace on the machine. A sample stands for the bytes since the previous one, so the per-type sums are
/// estimates whose error shrinks with the run's length.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickId = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytesByType.Clear();
        _recording = true;
    }

    public IReadOnlyList<(string Type, long Bytes)> Stop()
    {
        _recording = false;
        return [.. _bytesByType.Select(pair => (pair.Key, pair.Value)).OrderByDescending(pair => pair.Value)];
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs sample)
    {
        if (!_recording || sample.EventId != AllocationTickId || sample.Payload is null)
        {
            return;
        }

        var type = sample.PayloadNames!.IndexOf("TypeName") is var at and >= 0 ? sample.Payload[at] as string ?? "?" : "?";
        // The 64-bit amount (event version 2 on) is exact where the 32-bit one of version 1 could wrap.
        var amount = sample.PayloadNames.IndexOf("AllocationAmount64") is var wide and >= 0 ? wide : sample.PayloadNames.IndexOf("AllocationAmount");
        var bytes = Convert.ToInt64(sample.Payload[amount]);
        _bytesByType.AddOrUpdate(type, bytes, (_, sum) => sum + bytes);
    }
}
