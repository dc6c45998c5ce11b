using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Records which keys changed and, on flush (every commit), writes their current values to the changelog:
/// repeated updates of a key within a commit interval become one changelog record.
/// </summary>
internal sealed class ChangeLoggingKeyValueStore<TKey, TValue>(
    IKeyValueStore<TKey, TValue> inner, Serde<TKey> keySerde, Serde<TValue> valueSerde, ChangelogWriter changelog)
    : IKeyValueStore<TKey, TValue>, IRestorableStore
{
    private readonly HashSet<TKey> _dirty = [];

    public string Name => inner.Name;

    public string RestoreTopic => changelog.Topic;

    public bool Persistent => inner.Persistent;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public TValue? Get(TKey key) => inner.Get(key);

    public void Put(TKey key, TValue? value)
    {
        inner.Put(key, value);
        _dirty.Add(key);
    }

    public TValue? PutIfAbsent(TKey key, TValue value)
    {
        var existing = inner.PutIfAbsent(key, value);
        if (existing is null)
        {
            _dirty.Add(key);
        }

        return existing;
    }

    public TValue? Delete(TKey key)
    {
        _dirty.Add(key);
        return inner.Delete(key);
    }

    public IEnumerable<KeyValuePair<TKey, TValue>> All() => inner.All();

    public void Flush()
    {
        foreach (var key in _dirty)
        {
            var value = inner.Get(key);
            changelog.Write(
                keySerde.Serializer.Serialize(key, new SerializationContext(MessageComponentType.Key, changelog.Topic)),
                value is null ? null : valueSerde.Serializer.Serialize(value, new SerializationContext(MessageComponentType.Value, changelog.Topic)));
        }

        _dirty.Clear();
        inner.Flush();
    }

    public void Close() => inner.Close();

    public void Restore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
    {
        var typedKey = keySerde.Deserializer.Deserialize(key, false, new SerializationContext(MessageComponentType.Key, changelog.Topic));
        inner.Put(typedKey, isTombstone
            ? default
            : valueSerde.Deserializer.Deserialize(value, false, new SerializationContext(MessageComponentType.Value, changelog.Topic)));
    }
}
