using Confluent.Kafka;

namespace JourneyMapper.Streams.Mock;

/// <summary>Reads, in order, what the topology wrote to one topic of a <see cref="TopologyTestDriver"/>.</summary>
public sealed class TestOutputTopic<TKey, TValue>
{
    private readonly Queue<Message<byte[]?, byte[]?>> _messages;
    private readonly string _topic;
    private readonly IDeserializer<TKey> _keyDeserializer;
    private readonly IDeserializer<TValue> _valueDeserializer;

    internal TestOutputTopic(Queue<Message<byte[]?, byte[]?>> messages, string topic, IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer)
    {
        _messages = messages;
        _topic = topic;
        _keyDeserializer = keyDeserializer;
        _valueDeserializer = valueDeserializer;
    }

    public bool IsEmpty => _messages.Count == 0;

    public int QueueSize => _messages.Count;

    public TestRecord<TKey, TValue> ReadRecord()
    {
        if (!_messages.TryDequeue(out var message))
        {
            throw new InvalidOperationException($"no record left on topic '{_topic}'");
        }

        var key = _keyDeserializer.Deserialize(message.Key, message.Key is null, new SerializationContext(MessageComponentType.Key, _topic, message.Headers));
        var value = _valueDeserializer.Deserialize(message.Value, message.Value is null, new SerializationContext(MessageComponentType.Value, _topic, message.Headers));
        return new TestRecord<TKey, TValue>(key, value, message.Timestamp.UnixTimestampMs, message.Headers);
    }

    public KeyValuePair<TKey, TValue> ReadKeyValue()
    {
        var record = ReadRecord();
        return new KeyValuePair<TKey, TValue>(record.Key, record.Value);
    }

    public TValue ReadValue() => ReadRecord().Value;

    public List<TestRecord<TKey, TValue>> ReadRecordsToList()
    {
        var records = new List<TestRecord<TKey, TValue>>(_messages.Count);
        while (!IsEmpty)
        {
            records.Add(ReadRecord());
        }

        return records;
    }
}
