using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Records which windows changed and, on flush (every commit), writes their current value to the changelog,
/// or a tombstone for a window that is gone: repeated updates of a window within a commit interval become one
/// changelog record. Windows that retention drops without having changed are not written: the changelog's
/// time-based cleanup forgets them, and a restore drops them again as it replays stream time.
/// </summary>
internal sealed class ChangeLoggingWindowStore<TKey, TValue>(
    IWindowStore<TKey, TValue> inner, Serde<TKey> keySerde, Serde<TValue> valueSerde, ChangelogWriter changelog)
    : IWindowStore<TKey, TValue>, IRestorableStore
{
    private readonly HashSet<(TKey Key, long WindowStart)> _dirty = [];

    public string Name => inner.Name;

    public string RestoreTopic => changelog.Topic;

    public bool Persistent => inner.Persistent;

    public long Retention => inner.Retention;

    public long WindowSize => inner.WindowSize;

    public long ObservedStreamTime => inner.ObservedStreamTime;

    public void Put(TKey key, TValue? value, long windowStart)
    {
        inner.Put(key, value, windowStart);
        _dirty.Add((key, windowStart));
    }

    public void Remove(TKey key, long windowStart)
    {
        inner.Remove(key, windowStart);
        _dirty.Add((key, windowStart));
    }

    public TValue? Fetch(TKey key, long windowStart) => inner.Fetch(key, windowStart);

    public IReadOnlyList<KeyValuePair<long, TValue>> Fetch(TKey key, long timeFrom, long timeTo) => inner.Fetch(key, timeFrom, timeTo);

    public IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> All() => inner.All();

    public void Flush()
    {
        foreach (var (key, windowStart) in _dirty)
        {
            // The range form, not the single fetch: its default could be a real value of a struct type.
            var current = inner.Fetch(key, windowStart, windowStart);
            changelog.Write(
                WindowKeySchema.EncodeKey(keySerde.Serializer.Serialize(key, new SerializationContext(MessageComponentType.Key, changelog.Topic)), windowStart),
                current.Count == 0
                    ? null
                    : valueSerde.Serializer.Serialize(current[0].Value, new SerializationContext(MessageComponentType.Value, changelog.Topic)));
        }

        _dirty.ClearKeepingRoom();
        inner.Flush();
    }

    public void Close() => inner.Close();

    public void Restore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
    {
        var rawKey = WindowKeySchema.DecodeKey(key, out var windowStart, out _);
        var typedKey = keySerde.Deserializer.Deserialize(rawKey, false, new SerializationContext(MessageComponentType.Key, changelog.Topic));
        if (isTombstone)
        {
            inner.Remove(typedKey, windowStart);
            return;
        }

        inner.Put(
            typedKey,
            valueSerde.Deserializer.Deserialize(value, false, new SerializationContext(MessageComponentType.Value, changelog.Topic)),
            windowStart);
    }
}
