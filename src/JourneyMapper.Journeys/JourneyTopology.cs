using JourneyMapper.Journeys.Classification;
using JourneyMapper.Journeys.Dedup;
using JourneyMapper.Journeys.Enrichment;
using JourneyMapper.Journeys.Privacy;
using JourneyMapper.Journeys.Segments;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Journeys.Validation;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Journeys;

/// <summary>
/// The journey topology of SPEC.md: validate (bad input to the dead-letter queue) -> privacy -> key by customer
/// (through a repartition topic where the input was keyed otherwise) -> deduplicate -> consent -> sessionize ->
/// join the profile as it stands at close (a left join: a lookup in the profile table's store) -> classify -> route. Extensions attach to the named stages (<see cref="JourneyStreams"/>).
/// </summary>
public static class JourneyTopology
{
    public const string ProfileStore = "profiles";
    public const string SessionStore = "sessions";
    public const string DedupStore = "dedup";
    public const string ConsentWithheldStore = "consent-withheld";

    /// <summary>
    /// The store of open sessions: held serialized, out of the collector's reach (a million open sessions as objects are
    /// most of its work), and kept in the changelog for as long as a session can last.
    /// </summary>
    public static SessionStoreBuilder<string, JourneySession> SessionStoreBuilder(SessionOptions sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return Stores.ArenaSessionStore(
            SessionStore, sessions.MaxDuration + sessions.InactivityGap + sessions.GracePeriod, Serdes.String, JourneySessionSerde.Instance);
    }

    public static Topology Build(JourneyOptions options, JourneySerdes serdes, TimeProvider clock, IEnumerable<IJourneyTopologyExtension>? extensions = null)
    {
        var topics = options.Topics;
        var builder = new StreamBuilder();
        var profiles = builder.Table(topics.Profiles, Consumed.With(Serdes.String, serdes.Profiles), new Materialized<string, UserProfile> { StoreName = ProfileStore }, named: "profiles");

        // The few customers who withheld consent, in a table of their own: every event is checked against it, and a
        // lookup in a small table stays in the cache where one among all profiles would not.
        profiles.Filter(
            static (_, profile) => profile.AnalyticsConsent == false, new Materialized<string, UserProfile> { StoreName = ConsentWithheldStore }, named: "consent-withheld");

        var validated = ValidatedEvents(builder, options, serdes, clock);
        if (topics.WritesValidatedEvents)
        {
            validated.To(topics.ValidatedEvents!, Produced.With(Serdes.String, serdes.ClickEvents), named: "validated-events-sink");
        }

        var deduplicated = validated
            .Deduplicate(builder, options.Deduplication, DedupStore)
            .ProcessValues(() => new DropWithoutAnalyticsConsent(ConsentWithheldStore), "analytics-consent", ConsentWithheldStore);

        var sessionOptions = options.Sessions;
        var classifier = new SessionClassifier(options.Classification);
        SegmentBuilder NewSegmentBuilder() => new(classifier, sessionOptions);
        builder.AddStateStore(SessionStoreBuilder(sessionOptions));
        // Process, not ProcessValues: closing a session while another customer's event is processed forwards that
        // session's own key. Keys stay customer ids on the partition they came from, so steps below need no repartition.
        var sessionOutput = deduplicated.Process<string, SessionOutput>(
            () => new SessionizeJourneys(sessionOptions, NewSegmentBuilder, SessionStore, ProfileStore) { StoreHoldsSessionsSerialized = true },
            "sessionize",
            SessionStore,
            ProfileStore);

        IKStream<string, ClosedSession>? closed = null;
        sessionOutput.Split("session-output")
            .Branch((_, output) => output is ClosedSession, branch => closed = branch.MapValues(output => (ClosedSession)output, "closed-sessions"))
            .Branch((_, output) => output is ProvisionalSegment, branch => branch
                .MapValues(output => ((ProvisionalSegment)output).Segment, "provisional-segments")
                .To(topics.SessionUpdates, Produced.With(Serdes.String, serdes.Segments), named: "session-updates-sink"))
            .Branch((_, output) => output is LateEvent, branch => branch
                .MapValues(output => ((LateEvent)output).Event, "late-events")
                .To(topics.LateEvents, Produced.With(Serdes.String, serdes.ClickEvents), named: "late-events-sink"));

        var segments = closed!.ProcessValues(() => new ClassifyClosedSessions(NewSegmentBuilder, ProfileStore), "join-profile-and-classify", ProfileStore);
        Route(segments, options, serdes);

        var streams = new JourneyStreams(builder, options, serdes, validated, deduplicated, closed, segments, profiles);
        foreach (var extension in extensions ?? [])
        {
            extension.Extend(streams);
        }

        return builder.Build();
    }

    // Input already keyed by customer id stays on its partition; anything else is re-keyed through a repartition
    // topic, so that each customer's events meet in one task whatever key the producer chose.
    private static IKStream<string, ClickEvent> ValidatedEvents(StreamBuilder builder, JourneyOptions options, JourneySerdes serdes, TimeProvider clock)
    {
        var validator = new ClickEventValidator(options.Validation, clock);
        var privacy = new PrivacyFilter(options.Privacy);
        IKStream<string, ClickEvent>? keyed = null;
        IKStream<string, ClickEvent>? rekeyed = null;
        builder
            .Stream(options.Topics.Input, Consumed.With(Serdes.String, serdes.ClickEvents) with { TimestampExtractor = EventTime(validator) }, named: "clickstream-source")
            .Split("input-keying")
            .Branch((key, clickEvent) => key is not null && key == clickEvent?.CustomerId, branch => keyed = branch)
            .DefaultBranch(branch => rekeyed = branch);

        return keyed!
            .ProcessValues(() => new ValidateClickEvents(validator), "validate-keyed")
            .MapValues(privacy.Apply, "privacy-keyed")
            .Merge(rekeyed!
                .Process(() => new ValidateClickEvents(validator), "validate-rekeyed")
                .MapValues(privacy.Apply, "privacy-rekeyed")
                .Repartition(Repartitioned.As<string, ClickEvent>("events-by-customer") with { KeySerde = Serdes.String, ValueSerde = serdes.ClickEvents }),
            "validated-events");
    }

    private static void Route(IKStream<string, JourneySegment> segments, JourneyOptions options, JourneySerdes serdes)
    {
        var (topics, routing) = (options.Topics, options.Routing);
        var produced = Produced.With(Serdes.String, serdes.Segments);
        segments.To(topics.Segments, produced, named: "segments-sink");
        foreach (var trigger in routing.Triggers)
        {
            segments
                .Filter((_, segment) => HasLabel(segment, trigger) && (!routing.TriggersRequireMarketingConsent || segment.Profile?.MarketingConsent == true), $"trigger-{trigger}")
                .To(topics.TriggerPrefix + trigger, produced, named: $"trigger-{trigger}-sink");
        }

        segments
            .Filter((_, segment) => HasLabel(segment, routing.AlertSegment), "alerts")
            .To(topics.Alerts, produced, named: "alerts-sink");
    }

    // Indexed, not a lambda over an enumerator: it runs for every segment and every route.
    private static bool HasLabel(JourneySegment segment, string label)
    {
        var matches = segment.Segments;
        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i].Label == label)
            {
                return true;
            }
        }

        return false;
    }

    // Events carry their own time. One without a plausible time gets none (-1): it must not move stream time, which
    // would close every open session, before validation sends it to the dead-letter queue.
    private static Func<string, ClickEvent, long, long> EventTime(ClickEventValidator validator) =>
        (_, clickEvent, _) => clickEvent?.Timestamp is { } time && validator.IsPlausibleTime(time) ? time : -1;
}
