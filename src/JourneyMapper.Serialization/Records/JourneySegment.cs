using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using JourneyMapper.Serialization.Json;

namespace JourneyMapper.Serialization.Records;

/// <summary>
/// One customer session classified into journey segments (schemas/JourneySegment.avsc is the same record): one per
/// closed session on <c>journey.segments</c>, provisional revisions on <c>journey.session-updates</c>.
/// </summary>
public sealed record JourneySegment
{
    // The collections are never null: an absent or null one is empty, as the Avro schema (which has no null for
    // them) and JSON readers that omit the member both need. The source-generated JSON reader assigns every
    // init-only member, absent ones as null, so a plain initializer would not survive it.
    private readonly IReadOnlyList<string> _eventIds = [];
    private readonly IReadOnlyList<string> _path = [];
    private readonly IReadOnlyDictionary<string, double> _features = ReadOnlyDictionary<string, double>.Empty;
    private readonly IReadOnlyList<SegmentMatch> _segments = [];

    /// <summary>Stable: the same input always gives the same id.</summary>
    public required string SessionId { get; init; }

    public string? UserId { get; init; }

    public string? AnonymousId { get; init; }

    /// <summary>Event time of the first event, epoch milliseconds.</summary>
    [JsonConverter(typeof(EpochMillisJsonConverter))]
    public required long Start { get; init; }

    /// <summary>Event time of the last event, epoch milliseconds.</summary>
    [JsonConverter(typeof(EpochMillisJsonConverter))]
    public required long End { get; init; }

    /// <summary>Distinct events in the session (not capped, unlike <see cref="EventIds"/>).</summary>
    public int EventCount { get; init; }

    /// <summary>In event-time order, capped by configuration.</summary>
    public IReadOnlyList<string> EventIds
    {
        get => _eventIds;
        init => _eventIds = value ?? [];
    }

    /// <summary>True when <see cref="EventIds"/> or <see cref="Path"/> was capped.</summary>
    public bool Truncated { get; init; }

    /// <summary>The event types in event-time order, capped by configuration.</summary>
    public IReadOnlyList<string> Path
    {
        get => _path;
        init => _path = value ?? [];
    }

    /// <summary>The numbers the rules used, by name (e.g. <c>product_view.count</c>).</summary>
    public IReadOnlyDictionary<string, double> Features
    {
        get => _features;
        init => _features = value ?? ReadOnlyDictionary<string, double>.Empty;
    }

    public required string PrimarySegment { get; init; }

    /// <summary>Every segment that matched, in priority order.</summary>
    public IReadOnlyList<SegmentMatch> Segments
    {
        get => _segments;
        init => _segments = value ?? [];
    }

    /// <summary>The joined profile, or null for anonymous visitors and unknown customers (written as null in JSON).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ProfileSnapshot? Profile { get; init; }

    /// <summary>0 for a session's first provisional record, increasing with every revision; the closed record has the highest.</summary>
    public int Revision { get; init; }

    /// <summary>Why the session closed; null on provisional updates of an open session (written as null in JSON).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ClosedBy? ClosedBy { get; init; }
}

/// <summary>A segment label and the rule that matched it.</summary>
public sealed record SegmentMatch(string Label, string Rule);

/// <summary>The joined profile as it stood when the session closed.</summary>
public sealed record ProfileSnapshot
{
    /// <summary>
    /// The tier as text, not <see cref="Records.Tier"/>: the snapshot is output, and a tier this build does not
    /// know must reach downstream consumers unchanged.
    /// </summary>
    public string? Tier { get; init; }

    public string? Persona { get; init; }

    public double? LifetimeValue { get; init; }

    public string? Country { get; init; }

    public bool MarketingConsent { get; init; }
}

/// <summary>
/// Why a session closed. The values are the Avro enum's symbol positions (INACTIVITY, ...); JSON spells them
/// <c>inactivity</c>, <c>max-duration</c>, <c>idle-timeout</c>, <c>shutdown</c>. <see cref="Unknown"/> is what a
/// reader sees for a newer writer's reason it does not know.
/// </summary>
[JsonConverter(typeof(ClosedByJsonConverter))]
public enum ClosedBy
{
    Unknown = 0,
    Inactivity = 1,
    MaxDuration = 2,
    IdleTimeout = 3,
    Shutdown = 4,
}
