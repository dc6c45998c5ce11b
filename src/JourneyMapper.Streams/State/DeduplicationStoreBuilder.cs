using System.Globalization;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.State;

/// <summary>Builds a deduplication store per task; the changelog keeps its keys for the retention period.</summary>
public sealed record DeduplicationStoreBuilder(string Name, Func<IDeduplicationStore> Supplier, TimeSpan Retention) : IStoreBuilder
{
    public TimeSpan Retention { get; init; } = Retention >= TimeSpan.FromMilliseconds(1)
        ? Retention
        : throw new ArgumentOutOfRangeException(nameof(Retention), Retention, "a deduplication store remembers keys for at least 1 ms");

    public bool LoggingEnabled { get; init; } = true;

    // Compacted, so a restore reads each key once, and deleted after the retention plus a day of slack (as Kafka
    // Streams adds for windows): keys are forgotten without tombstones, so the topic has to forget them by age.
    // The slack covers stream time running behind the broker's clock, which time-based deletion goes by.
    public IReadOnlyDictionary<string, string> ChangelogConfig => new Dictionary<string, string>
    {
        ["cleanup.policy"] = "compact,delete",
        ["retention.ms"] = ((long)(Retention + TimeSpan.FromDays(1)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    };

    public DeduplicationStoreBuilder WithLoggingDisabled() => this with { LoggingEnabled = false };

    IStateStore IStoreBuilder.Build(ChangelogWriter? changelog)
    {
        var store = Supplier();
        return changelog is null ? store : new ChangeLoggingDeduplicationStore(store, changelog);
    }
}
