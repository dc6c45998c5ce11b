using Confluent.Kafka;

namespace JourneyMapper.Streams.Processors;

/// <summary>A record flowing through the topology: key, value, event timestamp and headers.</summary>
public readonly record struct Record<TKey, TValue>(TKey Key, TValue Value, long Timestamp, Headers? Headers = null)
{
    public Record<TKey, TNewValue> WithValue<TNewValue>(TNewValue value) => new(Key, value, Timestamp, Headers);

    public Record<TNewKey, TValue> WithKey<TNewKey>(TNewKey key) => new(key, Value, Timestamp, Headers);

    public Record<TNewKey, TNewValue> With<TNewKey, TNewValue>(TNewKey key, TNewValue value) => new(key, value, Timestamp, Headers);
}
