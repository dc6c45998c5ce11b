using System.Globalization;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.State;

/// <summary>Builds a window store per task; the changelog keeps windows for the retention period.</summary>
public sealed record WindowStoreBuilder<TKey, TValue>(
    string Name, Func<IWindowStore<TKey, TValue>> Supplier, Serde<TKey> KeySerde, Serde<TValue> ValueSerde, TimeSpan Retention)
    : IStoreBuilder
{
    public bool LoggingEnabled { get; init; } = true;

    // Compacted for restore, and deleted after the retention (plus a day of slack, as Kafka Streams adds):
    // retention drops windows in memory without writing tombstones, so the topic has to forget them by age.
    public IReadOnlyDictionary<string, string> ChangelogConfig => new Dictionary<string, string>
    {
        ["cleanup.policy"] = "compact,delete",
        ["retention.ms"] = ((long)(Retention + TimeSpan.FromDays(1)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    };

    public WindowStoreBuilder<TKey, TValue> WithLoggingDisabled() => this with { LoggingEnabled = false };

    IStateStore IStoreBuilder.Build(ChangelogWriter? changelog)
    {
        var store = Supplier();
        return changelog is null ? store : new ChangeLoggingWindowStore<TKey, TValue>(store, KeySerde, ValueSerde, changelog);
    }
}
