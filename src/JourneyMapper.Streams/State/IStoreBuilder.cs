using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.State;

/// <summary>Describes a store to create once per task (as Kafka Streams' <c>StoreBuilder</c>).</summary>
public interface IStoreBuilder
{
    string Name { get; }

    /// <summary>True when changes are written to <c>&lt;applicationId&gt;-&lt;name&gt;-changelog</c> so the store can be restored.</summary>
    bool LoggingEnabled { get; }

    /// <summary>Settings of the changelog topic (e.g. <c>cleanup.policy</c>) used when it is created.</summary>
    IReadOnlyDictionary<string, string> ChangelogConfig { get; }

    internal IStateStore Build(ChangelogWriter? changelog);
}
