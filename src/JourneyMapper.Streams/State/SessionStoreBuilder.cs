using System.Globalization;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.State;

/// <summary>Builds a session store per task; the changelog keeps sessions for the retention period.</summary>
public sealed record SessionStoreBuilder<TKey, TAggregate>(
    string Name, Func<ISessionStore<TKey, TAggregate>> Supplier, Serde<TKey> KeySerde, Serde<TAggregate> AggregateSerde, TimeSpan Retention)
    : IStoreBuilder
{
    public bool LoggingEnabled { get; init; } = true;

    // Compacted for restore, and deleted after the retention (plus a day of slack, as Kafka Streams
    // adds) so sessions no restore will need do not pile up.
    public IReadOnlyDictionary<string, string> ChangelogConfig => new Dictionary<string, string>
    {
        ["cleanup.policy"] = "compact,delete",
        ["retention.ms"] = ((long)(Retention + TimeSpan.FromDays(1)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    };

    public SessionStoreBuilder<TKey, TAggregate> WithLoggingDisabled() => this with { LoggingEnabled = false };

    IStateStore IStoreBuilder.Build(ChangelogWriter? changelog)
    {
        var store = Supplier();
        if (changelog is null)
        {
            return store;
        }

        (store as ISerializedSessionStore<TKey>)?.SerializeFor(changelog.Topic);
        return new ChangeLoggingSessionStore<TKey, TAggregate>(store, KeySerde, AggregateSerde, changelog);
    }
}
