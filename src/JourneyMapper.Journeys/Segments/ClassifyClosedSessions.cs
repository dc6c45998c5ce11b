using JourneyMapper.Journeys.Enrichment;
using JourneyMapper.Journeys.Sessions;
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
        _context!.Metrics.Counter(SessionsClosed, JourneyMetrics.ReasonTag, ClosedByLabel(closed.ClosedBy)).Increment();
        foreach (var match in segment.Segments)
        {
            _context.Metrics.Counter(SegmentsEmitted, JourneyMetrics.SegmentTag, match.Label).Increment();
        }

        // Forward returns once every sink below (segments, triggers, alerts, extensions) has handed the segment on.
        _context.Forward(record.WithValue(segment));
        if (closed.ClosedAtTimestamp != 0)
        {
            _latency!.RecordSince(closed.ClosedAtTimestamp);
        }
    }

    private static string ClosedByLabel(ClosedBy closedBy) => closedBy switch
    {
        ClosedBy.Inactivity => "inactivity",
        ClosedBy.MaxDuration => "max-duration",
        ClosedBy.IdleTimeout => "idle-timeout",
        ClosedBy.Shutdown => "shutdown",
        _ => "unknown",
    };
}
