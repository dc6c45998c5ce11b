using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// A session store that holds its aggregates serialized: its changelog writes them as they are held, with no
/// deserialize and serialize again per session at every commit.
/// </summary>
internal interface ISerializedSessionStore<TKey>
{
    /// <summary>
    /// The topic the aggregates are serialized for (the store's name until told): its changelog's, as Kafka Streams'
    /// stores serialize for theirs, so that a serde that depends on the topic (a registry subject) writes the bytes
    /// the changelog takes.
    /// </summary>
    void SerializeFor(string topic);

    /// <summary>The key's session that starts at <paramref name="start"/>: its end and its serialized aggregate, valid until the store changes.</summary>
    bool TryGetSerialized(TKey key, long start, out long end, out ReadOnlySpan<byte> aggregate);

    /// <summary>
    /// As <see cref="ISessionStore{TKey,TAggregate}.Put"/>, with the aggregate already serialized, for a restore: what the
    /// changelog already holds is no change, so <see cref="TakeChanged"/> does not hand it over.
    /// </summary>
    void PutSerialized(Windowed<TKey> session, ReadOnlySpan<byte> aggregate);

    /// <summary>
    /// From now on, the store remembers which sessions are put, so that its changelog need not: marking the entry a put
    /// just wrote costs nothing, where a set of the changed keys cost a hash and a lookup per put and another at the flush.
    /// </summary>
    void TrackChanges();

    /// <summary>Hands over each session put since the last call that the store still holds, serialized, and forgets them.</summary>
    void TakeChanged(SerializedSessionAction<TKey> changed);
}

/// <summary>A session and its aggregate as a store holds it serialized; the bytes are valid only during the call.</summary>
internal delegate void SerializedSessionAction<TKey>(TKey key, Window window, ReadOnlySpan<byte> aggregate);
