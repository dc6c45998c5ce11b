namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Records which keys were added or removed and, on flush (every commit), writes their current state to the changelog
/// in batches (<see cref="DeduplicationChangelog"/>).
/// Keys forgotten by retention are not written: the changelog's time-based cleanup forgets them, and a restore,
/// replaying stream time, forgets them again.
/// </summary>
internal sealed class ChangeLoggingDeduplicationStore(IDeduplicationStore inner, ChangelogWriter changelog)
    : IDeduplicationStore, IRestorableStore
{
    private readonly HashSet<UInt128> _dirty = [];

    public string Name => inner.Name;

    public string RestoreTopic => changelog.Topic;

    public bool Persistent => inner.Persistent;

    public long Retention => inner.Retention;

    public long ObservedStreamTime => inner.ObservedStreamTime;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public bool TryAdd(UInt128 keyHash, long timestamp)
    {
        if (!inner.TryAdd(keyHash, timestamp))
        {
            return false;
        }

        // A key already out of retention was let through without being remembered: nothing to log.
        // (Compared as unsigned: stream time is at least the timestamp now, so the difference is exact even where a signed one would overflow.)
        if (unchecked((ulong)(inner.ObservedStreamTime - timestamp)) < (ulong)inner.Retention)
        {
            _dirty.Add(keyHash);
        }

        return true;
    }

    public bool TryGetTimestamp(UInt128 keyHash, out long timestamp) => inner.TryGetTimestamp(keyHash, out timestamp);

    public void Put(UInt128 keyHash, long timestamp)
    {
        inner.Put(keyHash, timestamp);
        _dirty.Add(keyHash);
    }

    public bool Remove(UInt128 keyHash)
    {
        _dirty.Add(keyHash);
        return inner.Remove(keyHash);
    }

    public void AdvanceStreamTime(long streamTime) => inner.AdvanceStreamTime(streamTime);

    public void Flush()
    {
        if (_dirty.Count > 0)
        {
            DeduplicationChangelog.Write(changelog, _dirty, inner);
        }

        _dirty.ClearKeepingRoom();
        inner.Flush();
    }

    public void Close() => inner.Close();

    public void Restore(byte[] key, byte[]? value) => DeduplicationChangelog.Restore(inner, key, value);
}
