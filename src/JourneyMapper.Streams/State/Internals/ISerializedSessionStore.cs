namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// A session store that holds its aggregates serialized: its changelog writes them as they are held, with no
/// deserialize and serialize again per session at every commit.
/// </summary>
internal interface ISerializedSessionStore<TKey>
{
    /// <summary>The key's session that starts at <paramref name="start"/>: its end and its serialized aggregate, valid until the store changes.</summary>
    bool TryGetSerialized(TKey key, long start, out long end, out ReadOnlySpan<byte> aggregate);
}
