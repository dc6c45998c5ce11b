namespace JourneyMapper.Streams.State.Internals;

/// <summary>A store that can be rebuilt by replaying its changelog, record by record, in offset order.</summary>
internal interface IRestorableStore
{
    /// <summary>The topic replayed: the store's changelog, or the source topic of a table read straight from it.</summary>
    string RestoreTopic { get; }

    /// <summary>
    /// Applies one record. Its bytes are the Kafka client's own, valid only during the call: copy what is kept.
    /// A tombstone's value is empty, and so may be a real value's: <paramref name="isTombstone"/> tells them apart.
    /// </summary>
    void Restore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone);

    /// <summary>
    /// Called before a restore replays up to <paramref name="records"/> records into the store, which may make room for
    /// them at once. They are at most as many entries: the changelog's tail may not be compacted yet.
    /// </summary>
    void RestoreStarting(long records)
    {
    }
}
