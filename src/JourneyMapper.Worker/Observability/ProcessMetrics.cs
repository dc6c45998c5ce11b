using System.Diagnostics;
using JourneyMapper.Streams;

namespace JourneyMapper.Worker.Observability;

/// <summary>
/// The process's own figures beside the runtime's, so that one scrape of <c>/metrics</c> shows what the stream costs:
/// CPU time, resident memory and the managed heap (which holds the in-memory state stores).
/// </summary>
public static class ProcessMetrics
{
    public const string CpuSeconds = "process-cpu-seconds-total";
    public const string WorkingSetBytes = "process-working-set-bytes";
    public const string GcHeapSizeBytes = "gc-heap-size-bytes";

    public static void Register(StreamsMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.Describe(CpuSeconds, "CPU time used by the process, user and system", "s");
        metrics.Describe(WorkingSetBytes, "Resident memory of the process", "By");
        metrics.Describe(GcHeapSizeBytes, "Managed heap size after the last garbage collection: the state stores' indexes and objects live here; what they hold in native memory is state-store-native-bytes", "By");
        metrics.Gauge(CpuSeconds, () =>
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalSeconds;
        });
        metrics.Gauge(WorkingSetBytes, () => Environment.WorkingSet);
        metrics.Gauge(GcHeapSizeBytes, () => GC.GetGCMemoryInfo().HeapSizeBytes);
    }
}
