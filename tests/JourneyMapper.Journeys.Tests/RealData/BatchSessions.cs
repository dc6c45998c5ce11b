using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Tests.RealData;

/// <summary>One batch session: the customer, its first and last event time (epoch ms) and its events in order.</summary>
internal sealed record BatchSession(string Customer, long Start, long End, IReadOnlyList<string> EventIds);

/// <summary>
/// The batch definition the streaming sessionizer must equal (SPEC, Session semantics): deduplicate by eventId (the
/// first occurrence wins), group by customer id (userId, else anonymousId), sort each customer's events by
/// (timestamp, eventId ordinal), and cut where two neighbours are more than the gap apart. A gap of exactly the
/// inactivity gap stays in one session, as in Kafka Streams' session windows, where a record at <c>end + gap</c>
/// still merges. Max session length is not applied: no session of the real data comes near 24 hours.
/// </summary>
internal static class BatchSessions
{
    public static readonly TimeSpan DefaultGap = TimeSpan.FromMinutes(30);

    /// <summary>Sessions ordered by customer (ordinal), then start.</summary>
    public static IReadOnlyList<BatchSession> Compute(IEnumerable<ClickEvent> events, TimeSpan gap)
    {
        ArgumentNullException.ThrowIfNull(events);
        var gapMillis = (long)gap.TotalMilliseconds;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byCustomer = new Dictionary<string, List<(long Timestamp, string EventId)>>(StringComparer.Ordinal);
        foreach (var clickEvent in events)
        {
            var eventId = clickEvent.EventId ?? throw new ArgumentException("every event needs an eventId", nameof(events));
            var customer = clickEvent.CustomerId ?? throw new ArgumentException($"event {eventId} has no userId or anonymousId", nameof(events));
            var timestamp = clickEvent.Timestamp ?? throw new ArgumentException($"event {eventId} has no timestamp", nameof(events));
            if (!seen.Add(eventId))
            {
                continue;
            }

            if (!byCustomer.TryGetValue(customer, out var list))
            {
                byCustomer[customer] = list = [];
            }

            list.Add((timestamp, eventId));
        }

        var sessions = new List<BatchSession>();
        foreach (var (customer, list) in byCustomer.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            list.Sort((a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : string.CompareOrdinal(a.EventId, b.EventId));
            var first = 0;
            for (var i = 1; i <= list.Count; i++)
            {
                if (i == list.Count || list[i].Timestamp - list[i - 1].Timestamp > gapMillis)
                {
                    sessions.Add(new BatchSession(customer, list[first].Timestamp, list[i - 1].Timestamp, [.. list[first..i].Select(e => e.EventId)]));
                    first = i;
                }
            }
        }

        return sessions;
    }
}
