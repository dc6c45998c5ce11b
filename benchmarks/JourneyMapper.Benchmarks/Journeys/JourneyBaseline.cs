using System.Runtime.InteropServices;
using Confluent.Kafka;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// The ratio baseline: the topology's I/O without the topology. Every record's key and value are deserialized with
/// the same serdes; each customer's events are gathered (first and last time, count, the first 50 event ids and
/// types, as a segment carries them); at the end one segment per customer is serialized with the segment serde, as
/// the topology writes one per closed session. No validation, privacy, deduplication, state store, changelog,
/// classification or sessionization by gap.
/// </summary>
public static class JourneyBaseline
{
    private const int Cap = 50;

    public static long Run(JourneyWorkload workload)
    {
        var serdes = workload.Serdes;
        var keyContext = new SerializationContext(MessageComponentType.Key, JourneyWorkload.InputTopic);
        var valueContext = new SerializationContext(MessageComponentType.Value, JourneyWorkload.InputTopic);
        var sessions = new Dictionary<string, Gathered>();
        foreach (var record in workload.Records)
        {
            var key = Deserializers.Utf8.Deserialize(record.Key, false, keyContext);
            var clickEvent = serdes.ClickEvents.Deserializer.Deserialize(record.Value, false, valueContext);
            ref var gathered = ref CollectionsMarshal.GetValueRefOrAddDefault(sessions, key, out var exists);
            if (!exists)
            {
                gathered = new Gathered(clickEvent);
            }

            gathered!.Add(clickEvent);
        }

        var written = 0L;
        var segmentContext = new SerializationContext(MessageComponentType.Value, "journey.segments");
        foreach (var (customer, gathered) in sessions)
        {
            written += serdes.Segments.Serializer.Serialize(gathered.Segment(customer), segmentContext).Length;
        }

        return written;
    }

    private sealed class Gathered(ClickEvent first)
    {
        private readonly List<string> _eventIds = [];
        private readonly List<string> _path = [];
        private long _start = long.MaxValue;
        private long _end = long.MinValue;
        private int _count;

        public void Add(ClickEvent clickEvent)
        {
            var time = clickEvent.Timestamp ?? 0;
            (_start, _end, _count) = (Math.Min(_start, time), Math.Max(_end, time), _count + 1);
            if (_eventIds.Count < Cap)
            {
                _eventIds.Add(clickEvent.EventId!);
                _path.Add(clickEvent.EventType!);
            }
        }

        public JourneySegment Segment(string customer) => new()
        {
            SessionId = customer,
            UserId = first.UserId,
            AnonymousId = first.AnonymousId,
            Start = _start,
            End = _end,
            EventCount = _count,
            EventIds = _eventIds,
            Truncated = _count > Cap,
            Path = _path,
            PrimarySegment = "unclassified",
        };
    }
}
