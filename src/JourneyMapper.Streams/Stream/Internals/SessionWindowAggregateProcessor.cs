using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>
/// Kafka Streams' session-window aggregation: find the key's sessions within the gap of the record, merge
/// them with the record's own window, aggregate. A record whose merged window ended before the close time
/// (stream time minus gap minus grace) is late and goes to the late-records stream, counted. Sessions
/// leave the store when they close; in final-results mode that is when they are emitted.
/// </summary>
internal sealed class SessionWindowAggregateProcessor<TKey, TValue, TAggregate>(
    string name,
    SessionWindows windows,
    EmitStrategy emitStrategy,
    Func<TAggregate> initializer,
    Func<TKey, TValue, TAggregate, TAggregate> aggregator,
    Func<TKey, TAggregate, TAggregate, TAggregate> merger,
    string storeName,
    StreamsMetrics metrics,
    IProcessorContext<TKey, TValue> lateContext)
    : IProcessor<TKey, TValue, Windowed<TKey>, TAggregate>
{
    private readonly long _gap = windows.InactivityGapMs;
    private readonly long _grace = windows.GracePeriodMs;
    private IProcessorContext<Windowed<TKey>, TAggregate>? _context;
    private IProcessorContext<TKey, TValue>? _late;
    private ISessionStore<TKey, TAggregate>? _store;
    private StrongBox<long>? _lateCount;
    private Action<Windowed<TKey>, TAggregate>? _onClosed;
    private readonly List<KeyValuePair<Windowed<TKey>, TAggregate>> _found = [];
    private long _observedStreamTime = long.MinValue;
    private long _closeTime = long.MinValue;
    private long _lastRecordWallClock;

    public void Init(IProcessorContext<Windowed<TKey>, TAggregate> context)
    {
        _context = context;
        _late = lateContext;
        _store = context.GetStateStore<ISessionStore<TKey, TAggregate>>(storeName);
        _lateCount = metrics.Counter(StreamsMetrics.LateRecords, name);
        _onClosed = emitStrategy.OnlyFinalResults ? EmitFinal : static (_, _) => { };

        // A restored store carries on from the stream time its sessions reached.
        _observedStreamTime = _store.ObservedEnd;
        _lastRecordWallClock = context.CurrentSystemTimeMs;
        if (windows.WallClockClose)
        {
            context.Schedule(windows.WallClockCheckInterval, PunctuationType.WallClockTime, CloseOnWallClock);
        }
    }

    public void Process(Record<TKey, TValue> record)
    {
        var key = record.Key;
        if (key is null)
        {
            _context!.SendToDeadLetterQueue("null-key", $"{name} groups by key, and the record has none");
            return;
        }

        var timestamp = record.Timestamp;
        _observedStreamTime = Math.Max(_observedStreamTime, timestamp);
        _lastRecordWallClock = _context!.CurrentSystemTimeMs;
        var closeTime = Math.Max(_closeTime, _observedStreamTime - _grace - _gap);

        var sessions = _found;
        sessions.Clear();
        _store!.FindSessions(key, timestamp - _gap, timestamp + _gap, sessions);
        var merged = new Window(timestamp, timestamp);
        var aggregate = initializer();
        foreach (var (session, value) in sessions)
        {
            aggregate = merger(key, aggregate, value);
            merged = new Window(Math.Min(merged.Start, session.Window.Start), Math.Max(merged.End, session.Window.End));
        }

        if (merged.End < closeTime)
        {
            SendLate(record, closeTime);
        }
        else
        {
            foreach (var (session, _) in sessions)
            {
                // The session that starts where the merged one starts is updated in place by the put below;
                // the others are merged away and, downstream, deleted: a tombstone (default value) for their key.
                if (session.Window.Start != merged.Start)
                {
                    _store.Remove(session);
                    if (!emitStrategy.OnlyFinalResults)
                    {
                        _context.Forward(new Record<Windowed<TKey>, TAggregate>(session, default!, session.Window.End));
                    }
                }
                else if (session.Window.End != merged.End && !emitStrategy.OnlyFinalResults)
                {
                    _context.Forward(new Record<Windowed<TKey>, TAggregate>(session, default!, session.Window.End));
                }
            }

            aggregate = aggregator(key, record.Value, aggregate);
            // The store's own instance of the key when it has one, so the record's copy dies young.
            var windowed = new Windowed<TKey>(sessions.Count > 0 ? sessions[0].Key.Key : key, merged);
            _store.Put(windowed, aggregate);
            if (!emitStrategy.OnlyFinalResults)
            {
                _context.Forward(new Record<Windowed<TKey>, TAggregate>(windowed, aggregate, merged.End, record.Headers));
            }
        }

        Close(closeTime);
    }

    private void CloseOnWallClock(long now)
    {
        if (_observedStreamTime == long.MinValue)
        {
            return;
        }

        // While no record arrives, stream time is taken to advance with the wall clock.
        var idle = now - _lastRecordWallClock;
        Close(Math.Max(_closeTime, _observedStreamTime + idle - _grace - _gap));
    }

    private void Close(long closeTime)
    {
        _closeTime = closeTime;
        _store!.ExpireBefore(closeTime, _onClosed!);
    }

    private void EmitFinal(Windowed<TKey> session, TAggregate aggregate) =>
        _context!.Forward(new Record<Windowed<TKey>, TAggregate>(session, aggregate, session.Window.End));

    private void SendLate(Record<TKey, TValue> record, long closeTime)
    {
        Interlocked.Increment(ref _lateCount!.Value);
        var headers = record.Headers.Copy();
        headers.Add(LateRecordHeaders.Reason, Encoding.UTF8.GetBytes(LateRecordHeaders.WindowClosed));
        headers.Add(LateRecordHeaders.WindowCloseTime, Encoding.UTF8.GetBytes(closeTime.ToString(CultureInfo.InvariantCulture)));
        _late!.Forward(record with { Headers = headers });
    }
}
