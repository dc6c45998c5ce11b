using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace JourneyMapper.Streams;

/// <summary>
/// Counters the runtime keeps while it runs (late records, skipped records, ...), per name and processor,
/// for hosts to export. Safe to read from any thread while stream threads update them.
/// </summary>
public sealed class StreamsMetrics
{
    public const string LateRecords = "late-records-total";
    public const string SkippedRecords = "skipped-records-total";

    private readonly ConcurrentDictionary<(string Name, string Processor), StrongBox<long>> _counters = new();

    /// <summary>The count for one processor, or summed over all processors when <paramref name="processor"/> is null.</summary>
    public long Get(string name, string? processor = null) =>
        _counters.Where(entry => entry.Key.Name == name && (processor is null || entry.Key.Processor == processor))
            .Sum(entry => Interlocked.Read(ref entry.Value.Value));

    public IReadOnlyDictionary<(string Name, string Processor), long> Snapshot() =>
        _counters.ToDictionary(entry => entry.Key, entry => Interlocked.Read(ref entry.Value.Value));

    internal StrongBox<long> Counter(string name, string processor) => _counters.GetOrAdd((name, processor), _ => new StrongBox<long>());
}
