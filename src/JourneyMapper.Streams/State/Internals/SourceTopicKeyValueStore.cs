using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>The store of a table read from a topic: restored by replaying that topic, never written to a changelog.</summary>
internal sealed class SourceTopicKeyValueStore<TKey, TValue>(
    IKeyValueStore<TKey, TValue> inner, Serde<TKey> keySerde, Serde<TValue> valueSerde, string topic)
    : IKeyValueStore<TKey, TValue>, IRestorableStore
{
    public string Name => inner.Name;

    public string RestoreTopic => topic;

    public bool Persistent => inner.Persistent;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public TValue? Get(TKey key) => inner.Get(key);

    public void Put(TKey key, TValue? value) => inner.Put(key, value);

    public TValue? PutIfAbsent(TKey key, TValue value) => inner.PutIfAbsent(key, value);

    public TValue? Delete(TKey key) => inner.Delete(key);

    public IEnumerable<KeyValuePair<TKey, TValue>> All() => inner.All();

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();

    public void Restore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
    {
        var typedKey = keySerde.Deserializer.Deserialize(key, false, new SerializationContext(MessageComponentType.Key, topic));
        inner.Put(typedKey, isTombstone
            ? default
            : valueSerde.Deserializer.Deserialize(value, false, new SerializationContext(MessageComponentType.Value, topic)));
    }
}
