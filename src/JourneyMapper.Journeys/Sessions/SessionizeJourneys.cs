using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Journeys.Enrichment;
using JourneyMapper.Journeys.Segments;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// Sessions per customer in event time, as the runtime's session windows cut them (inactivity gap, grace, merge on a
/// bridging event, close by stream time or by wall-clock idleness), plus what a journey needs and a generic window
/// cannot say: why a session closed, a split at the maximum duration, and a provisional segment whenever an open
/// session's primary segment changes (read against the profile as it stands now).
/// </summary>
public sealed class SessionizeJourneys(SessionOptions options, Func<SegmentBuilder> segments, string storeName, string? profileStoreName)
    : IProcessor<string, ClickEvent, string, SessionOutput>
{
    private readonly long _gap = options.GapMs;
    private readonly long _grace = options.GraceMs;
    private readonly long _maxDuration = options.MaxDurationMs;
    private readonly int _cap = options.EntryCap;
    private readonly List<KeyValuePair<Windowed<string>, JourneySession>> _found = [];
    private IProcessorContext<string, SessionOutput>? _context;
    private ISessionStore<string, JourneySession>? _store;
    private IKeyValueStore<string, UserProfile>? _profiles;
    private SegmentBuilder? _segments;
    private long _observedStreamTime = long.MinValue;
    private long _closeTime = long.MinValue;
    private long _lastRecordWallClock;
    private ClosedBy _closingBy;
    private Action<Windowed<string>, JourneySession>? _emitClosed;
    private MetricCounter? _late;
    private MetricHistogram? _provisionalLatency;
    private long _closedAt;

    /// <summary>
    /// Set when the store keeps each session as bytes, so that a session put back is the processor's to reuse: the next
    /// read decodes into it instead of a new one. Never for a store that keeps the object it was given.
    /// </summary>
    internal bool StoreHoldsSessionsSerialized { get; init; }

    public void Init(IProcessorContext<string, SessionOutput> context)
    {
        _context = context;
        _store = context.GetStateStore<ISessionStore<string, JourneySession>>(storeName);
        _profiles = profileStoreName is null ? null : context.GetStateStore<IKeyValueStore<string, UserProfile>>(profileStoreName);
        _segments = segments();
        _emitClosed = EmitClosed;
        _late = context.Metrics.Counter(StreamsMetrics.LateRecords);
        _provisionalLatency = context.Metrics.Histogram(JourneyMetrics.ProvisionalUpdateLatency);
        var store = _store;
        context.Metrics.Gauge(JourneyMetrics.SessionsOpen, () => store.ApproximateNumEntries);
        _observedStreamTime = _store.ObservedEnd;
        _lastRecordWallClock = context.CurrentSystemTimeMs;
        if (options.WallClockClose)
        {
            context.Schedule(options.WallClockCheckInterval, PunctuationType.WallClockTime, CloseOnWallClock);
        }
    }

    public void Process(Record<string, ClickEvent> record)
    {
        var (key, timestamp) = (record.Key, record.Timestamp);
        _observedStreamTime = Math.Max(_observedStreamTime, timestamp);
        _lastRecordWallClock = _context!.CurrentSystemTimeMs;
        var closeTime = Math.Max(_closeTime, _observedStreamTime - _grace - _gap);

        var found = _found;
        found.Clear();
        JourneySessionSerde.ExpectCustomer(key);
        _store!.FindSessions(key, timestamp - _gap, timestamp + _gap, found);
        var (start, end) = (timestamp, timestamp);
        foreach (var (session, _) in found)
        {
            (start, end) = (Math.Min(start, session.Window.Start), Math.Max(end, session.Window.End));
        }

        if (end < closeTime)
        {
            _late!.Increment();
            _context.Forward(new Record<string, SessionOutput>(key, new LateEvent(record.Value, closeTime), timestamp, LateHeaders(record.Headers, closeTime)));
        }
        else
        {
            if (end - start > _maxDuration)
            {
                // The event would stretch its session past the maximum: what came before closes now, the event starts afresh.
                CloseNow(found, ClosedBy.MaxDuration);
                found.Clear();
                (start, end) = (timestamp, timestamp);
            }

            var session = Merge(key, found, start);
            session.Add(record.Value, timestamp, _cap);

            // Before the put: the announcement is part of the session's state, and a store may hold a copy.
            AnnounceIfChanged(key, session, timestamp);
            _store.Put(new Windowed<string>(found.Count > 0 ? found[0].Key.Key : key, new Window(start, end)), session);
            if (StoreHoldsSessionsSerialized)
            {
                JourneySessionSerde.Release(session);
            }
        }

        Close(closeTime, ClosedBy.Inactivity);
    }

    // Later sessions fold into the first one found, which survives under the merged window.
    private JourneySession Merge(string key, List<KeyValuePair<Windowed<string>, JourneySession>> found, long start)
    {
        if (found.Count == 0)
        {
            return StoreHoldsSessionsSerialized ? JourneySessionSerde.NewSession() : new JourneySession();
        }

        var survivor = found[0].Value;
        for (var i = 0; i < found.Count; i++)
        {
            var (window, session) = found[i];
            if (i > 0)
            {
                survivor.Merge(session, _cap);
            }

            if (window.Window.Start != start || i > 0)
            {
                _store!.Remove(window);
            }
        }

        return survivor;
    }

    private void AnnounceIfChanged(string key, JourneySession session, long timestamp)
    {
        if (!options.ProvisionalUpdates)
        {
            return;
        }

        // Only the primary segment is needed to see whether anything changed; the full classification only when it did.
        // The profile is read for it only when a rule reads it; an update that goes out always carries it.
        var profile = _segments!.RulesReadProfile ? ProfileOf(key) : null;
        var primary = _segments.PrimarySegment(session, profile);
        if (session.AnnouncedPrimary is null)
        {
            // The first event only sets the baseline: an update says that a session changed its course.
            session.AnnouncedPrimary = primary;
            return;
        }

        if (session.AnnouncedPrimary == primary)
        {
            return;
        }

        session.AnnouncedPrimary = primary;
        session.Revision++;
        var segment = _segments.Build(key, session, _segments.RulesReadProfile ? profile : ProfileOf(key), session.Revision, closedBy: null);
        _context!.Forward(new Record<string, SessionOutput>(key, new ProvisionalSegment(segment), timestamp));
        if (_context.RecordArrivalTimestamp != 0)
        {
            _provisionalLatency!.RecordSince(_context.RecordArrivalTimestamp);
        }
    }

    // The reason travels with the event to the late-events topic, under the runtime's names for late records.
    private static Headers LateHeaders(Headers? original, long closeTime)
    {
        var headers = original.Copy();
        headers.Add(LateRecordHeaders.Reason, Encoding.UTF8.GetBytes(LateRecordHeaders.WindowClosed));
        headers.Add(LateRecordHeaders.WindowCloseTime, Encoding.UTF8.GetBytes(closeTime.ToString(CultureInfo.InvariantCulture)));
        return headers;
    }

    private ProfileSnapshot? ProfileOf(string key) => _profiles is null ? null : ProfileSnapshots.From(_profiles.Get(key));

    private void CloseOnWallClock(long now)
    {
        if (_observedStreamTime == long.MinValue)
        {
            return;
        }

        // While no record arrives, stream time is taken to advance with the wall clock.
        var idle = now - _lastRecordWallClock;
        Close(Math.Max(_closeTime, _observedStreamTime + idle - _grace - _gap), ClosedBy.IdleTimeout);
    }

    private void Close(long closeTime, ClosedBy closedBy)
    {
        _closeTime = closeTime;
        _closingBy = closedBy;
        _closedAt = 0;
        _store!.ExpireBefore(closeTime, _emitClosed!);
    }

    private void CloseNow(List<KeyValuePair<Windowed<string>, JourneySession>> sessions, ClosedBy closedBy)
    {
        var closedAt = Stopwatch.GetTimestamp();
        foreach (var (window, session) in sessions)
        {
            _store!.Remove(window);
            _context!.Forward(new Record<string, SessionOutput>(
                window.Key, new ClosedSession(session, closedBy) { ClosedAtTimestamp = closedAt }, window.Window.End));
        }
    }

    private void EmitClosed(Windowed<string> window, JourneySession session)
    {
        // The clock is read when a close finds a session to close, not on every record that checks.
        if (_closedAt == 0)
        {
            _closedAt = Stopwatch.GetTimestamp();
        }

        _context!.Forward(new Record<string, SessionOutput>(
            window.Key, new ClosedSession(session, _closingBy) { ClosedAtTimestamp = _closedAt }, window.Window.End));
    }
}
