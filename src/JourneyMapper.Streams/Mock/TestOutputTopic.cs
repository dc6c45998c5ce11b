using Confluent.Kafka;

namespace JourneyMapper.Streams.Mock;

/// <summary>Reads, in order, what the topology wrote to one topic of a <see cref="TopologyTestDriver"/>.</summary>
public sealed class TestOutputTopic<TKey, TValue>
{
    private readonly Queue<CapturedRecord> _records;
    private readonly string _topic;
    private readonly IDeserializer<TKey> _keyDeserializer;
    private readonly IDeserializer<TValue> _valueDeserializer;

    internal TestOutputTopic(Queue<CapturedRecord> records, string topic, IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer)
    {
        _records = records;
        _topic = topic;
        _keyDeserializer = keyDeserializer;
        _valueDeserializer = valueDeserializer;
    }

    public bool IsEmpty => _records.Count == 0;

    public int QueueSize => _records.Count;

    public TestRecord<TKey, TValue> ReadRecord()
    {
        if (!_records.TryDequeue(out var record))
        {
            throw new InvalidOperationException($"no record left on topic '{_topic}'");
        }

        var key = _keyDeserializer.Deserialize(record.Key, record.Key is null, new SerializationContext(MessageComponentType.Key, _topic, record.Headers));
        var value = _valueDeserializer.Deserialize(record.Value, record.Value is null, new SerializationContext(MessageComponentType.Value, _topic, record.Headers));
        // As a consumer reads it: a record written without headers has none, not null.
        return new TestRecord<TKey, TValue>(key, value, record.Timestamp, record.Headers ?? []);
    }

    public KeyValuePair<TKey, TValue> ReadKeyValue()
    {
        var record = ReadRecord();
        return new KeyValuePair<TKey, TValue>(record.Key, record.Value);
    }

    public TValue ReadValue() => ReadRecord().Value;

    public List<TestRecord<TKey, TValue>> ReadRecordsToList()
    {
        var records = new List<TestRecord<TKey, TValue>>(_records.Count);
        while (!IsEmpty)
        {
            records.Add(ReadRecord());
        }

        return records;
    }
}
