using Confluent.Kafka;

namespace JourneyMapper.Streams.Mock;

/// <summary>Pipes records into one topic of a <see cref="TopologyTestDriver"/>.</summary>
public sealed class TestInputTopic<TKey, TValue>
{
    private readonly TopologyTestDriver _driver;
    private readonly string _topic;
    private readonly ISerializer<TKey> _keySerializer;
    private readonly ISerializer<TValue> _valueSerializer;

    internal TestInputTopic(TopologyTestDriver driver, string topic, ISerializer<TKey> keySerializer, ISerializer<TValue> valueSerializer)
    {
        _driver = driver;
        _topic = topic;
        _keySerializer = keySerializer;
        _valueSerializer = valueSerializer;
    }

    public void PipeInput(TKey key, TValue value, long timestamp, Headers? headers = null)
    {
        headers ??= [];
        var keyBytes = key is null ? null : _keySerializer.Serialize(key, new SerializationContext(MessageComponentType.Key, _topic, headers));
        var valueBytes = value is null ? null : _valueSerializer.Serialize(value, new SerializationContext(MessageComponentType.Value, _topic, headers));
        _driver.PipeRaw(_topic, keyBytes, valueBytes, timestamp, headers);
    }
}
