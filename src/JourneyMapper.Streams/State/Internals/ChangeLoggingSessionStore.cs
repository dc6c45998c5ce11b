using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Records which sessions changed, expired or were removed and, on flush, writes their current state to
/// the changelog (a tombstone for a session that is gone), so a restore rebuilds exactly the open sessions.
/// </summary>
internal sealed class ChangeLoggingSessionStore<TKey, TAggregate>(
    ISessionStore<TKey, TAggregate> inner, Serde<TKey> keySerde, Serde<TAggregate> aggregateSerde, ChangelogWriter changelog)
    : ISessionStore<TKey, TAggregate>, IRestorableStore
    where TKey : notnull
{
    private readonly HashSet<Windowed<TKey>> _dirty = [];

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long ObservedEnd => inner.ObservedEnd;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public IReadOnlyList<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart) =>
        inner.FindSessions(key, earliestSessionEnd, latestSessionStart);

    public TAggregate? FetchSession(TKey key, long start, long end) => inner.FetchSession(key, start, end);

    public void Put(Windowed<TKey> session, TAggregate aggregate)
    {
        inner.Put(session, aggregate);
        _dirty.Add(session);
    }

    public void Remove(Windowed<TKey> session)
    {
        inner.Remove(session);
        _dirty.Add(session);
    }

    public void ExpireBefore(long time, Action<Windowed<TKey>, TAggregate> onExpired) =>
        inner.ExpireBefore(time, (session, aggregate) =>
        {
            _dirty.Add(session);
            onExpired(session, aggregate);
        });

    public void Flush()
    {
        foreach (var session in _dirty)
        {
            var (start, end) = (session.Window.Start, session.Window.End);
            var aggregate = inner.FetchSession(session.Key, start, end);
            var key = keySerde.Serializer.Serialize(session.Key, new SerializationContext(MessageComponentType.Key, changelog.Topic));
            changelog.Write(
                SessionKeySchema.Encode(key, start, end),
                aggregate is null ? null : aggregateSerde.Serializer.Serialize(aggregate, new SerializationContext(MessageComponentType.Value, changelog.Topic)));
        }

        _dirty.Clear();
        inner.Flush();
    }

    public void Close() => inner.Close();

    public void Restore(byte[] key, byte[]? value)
    {
        var (rawKey, start, end) = SessionKeySchema.Decode(key);
        var typedKey = keySerde.Deserializer.Deserialize(rawKey.Span, false, new SerializationContext(MessageComponentType.Key, changelog.Topic));
        var session = new Windowed<TKey>(typedKey, new Window(start, end));
        if (value is null)
        {
            inner.Remove(session);
        }
        else
        {
            inner.Put(session, aggregateSerde.Deserializer.Deserialize(value, false, new SerializationContext(MessageComponentType.Value, changelog.Topic)));
        }
    }
}
