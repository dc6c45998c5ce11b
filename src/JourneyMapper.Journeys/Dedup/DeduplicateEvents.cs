using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Journeys.Dedup;

/// <summary>
/// Lets the first arrival of each eventId through and drops the repeats, counting them as
/// <see cref="DuplicatesDropped"/>. Arrival order decides, not event time: when a customer's events arrive out of
/// order, the copy that arrives first is the one kept, whatever its timestamp.
/// </summary>
/// <remarks>
/// The horizon runs on the task's stream time (the largest event time it has read): an eventId first seen with
/// event time <c>t</c> is remembered while <c>streamTime - t &lt; Horizon</c>. An event already older than that
/// when it arrives cannot be told from a forgotten duplicate, so it passes (and later steps see it as late).
/// Runs after validation: every event has an eventId.
/// </remarks>
public sealed class DeduplicateEvents(string storeName) : IProcessor<string, ClickEvent, string, ClickEvent>
{
    public const string DuplicatesDropped = "duplicates-dropped-total";

    private IProcessorContext<string, ClickEvent>? _context;
    private IDeduplicationStore? _seen;
    private MetricCounter? _dropped;

    public void Init(IProcessorContext<string, ClickEvent> context)
    {
        _context = context;
        _seen = context.GetStateStore<IDeduplicationStore>(storeName);
        _dropped = context.Metrics.Counter(DuplicatesDropped);
    }

    public void Process(Record<string, ClickEvent> record)
    {
        var eventId = record.Value?.EventId
            ?? throw new InvalidOperationException("an event without an eventId reached deduplication: validate events first");

        // The task's stream time, not only this step's: it moves the same for every store of the task.
        _seen!.AdvanceStreamTime(_context!.CurrentStreamTimeMs);
        if (_seen.TryAdd(eventId, record.Timestamp))
        {
            _context.Forward(record);
        }
        else
        {
            _dropped!.Increment();
        }
    }
}
