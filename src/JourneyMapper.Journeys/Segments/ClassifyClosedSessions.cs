using JourneyMapper.Journeys.Enrichment;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Journeys.Segments;

/// <summary>
/// A closed session, left-joined with the customer's profile as the table holds it at close (no profile: null), becomes
/// its final segment; counted by close reason and label, and timed from the session's close to the segment's hand-over
/// to the sinks (<see cref="JourneyMetrics.SegmentLatency"/>).
/// </summary>
public sealed class ClassifyClosedSessions(Func<SegmentBuilder> segments, string profileStoreName)
    : IProcessor<string, ClosedSession, string, JourneySegment>
{
    public const string SessionsClosed = "sessions-closed-total";
    public const string SegmentsEmitted = "segments-total";

    private IProcessorContext<string, JourneySegment>? _context;
    private SegmentBuilder? _segments;
    private IKeyValueStore<string, UserProfile>? _profiles;
    private MetricHistogram? _latency;
    private readonly Dictionary<ClosedBy, MetricCounter> _closedCounters = [];
    private readonly Dictionary<string, MetricCounter> _segmentCounters = new(StringComparer.Ordinal);

    public void Init(IProcessorContext<string, JourneySegment> context)
    {
        _context = context;
        _segments = segments();
        _profiles = context.GetStateStore<IKeyValueStore<string, UserProfile>>(profileStoreName);
        _latency = context.Metrics.Histogram(JourneyMetrics.SegmentLatency);
    }

    public void Process(Record<string, ClosedSession> record)
    {
        var closed = record.Value;
        var session = closed.Session;
        var profile = ProfileSnapshots.From(_profiles!.Get(record.Key));
        // The closed record outranks every provisional one of the session.
        var segment = _segments!.Build(record.Key, session, profile, session.Revision + 1, closed.ClosedBy);
        CounterOf(_closedCounters, closed.ClosedBy, SessionsClosed, JourneyMetrics.ReasonTag, ClosedByJsonConverter.ToJsonName).Increment();
        foreach (var match in segment.Segments)
        {
            CounterOf(_segmentCounters, match.Label, SegmentsEmitted, JourneyMetrics.SegmentTag, static label => label).Increment();
        }

        // Forward returns once every sink below (segments, triggers, alerts, extensions) has handed the segment on.
        _context!.Forward(record.WithValue(segment));
        if (closed.ClosedAtTimestamp != 0)
        {
            _latency!.RecordSince(closed.ClosedAtTimestamp);
        }
    }

    // Resolved once per reason and label, not per closed session: resolving looks the series up in the shared registry.
    private MetricCounter CounterOf<TKey>(Dictionary<TKey, MetricCounter> counters, TKey key, string name, string tag, Func<TKey, string> tagValue)
        where TKey : notnull
    {
        if (!counters.TryGetValue(key, out var counter))
        {
            counter = _context!.Metrics.Counter(name, tag, tagValue(key));
            counters[key] = counter;
        }

        return counter;
    }
}
