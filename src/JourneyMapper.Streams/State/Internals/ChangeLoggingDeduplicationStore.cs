using System.Runtime.InteropServices;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Records each key added or removed, with the state it was left in, and on flush (every commit) writes them to the
/// changelog in batches (<see cref="DeduplicationChangelog"/>), in the order they happened, so that a restore applying
/// them in turn ends where the store did. Kept as a list, not a set of keys looked up again at the flush: a key is
/// added once in its life, and a set's hashing and the second lookup of every new key in a table far larger than the
/// caches cost more than the rare key listed twice.
/// Keys forgotten by retention are not written: the changelog's time-based cleanup forgets them, and a restore,
/// replaying stream time, forgets them again.
/// </summary>
internal sealed class ChangeLoggingDeduplicationStore(IDeduplicationStore inner, ChangelogWriter changelog)
    : IDeduplicationStore, IRestorableStore, IOffHeapStore
{
    private readonly List<DeduplicationChangelog.Change> _changes = [];

    public string Name => inner.Name;

    public string RestoreTopic => changelog.Topic;

    public bool Persistent => inner.Persistent;

    public long Retention => inner.Retention;

    public long ObservedStreamTime => inner.ObservedStreamTime;

    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    public long OffHeapBytes => inner is IOffHeapStore offHeap ? offHeap.OffHeapBytes : 0;

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
            _changes.Add(new(keyHash, timestamp));
        }

        return true;
    }

    public bool TryGetTimestamp(UInt128 keyHash, out long timestamp) => inner.TryGetTimestamp(keyHash, out timestamp);

    public void Put(UInt128 keyHash, long timestamp)
    {
        inner.Put(keyHash, timestamp);
        _changes.Add(new(keyHash, inner.TryGetTimestamp(keyHash, out var kept) ? kept : DeduplicationChangelog.Removed));
    }

    public bool Remove(UInt128 keyHash)
    {
        _changes.Add(new(keyHash, DeduplicationChangelog.Removed));
        return inner.Remove(keyHash);
    }

    public void AdvanceStreamTime(long streamTime) => inner.AdvanceStreamTime(streamTime);

    public void Flush()
    {
        if (_changes.Count > 0)
        {
            DeduplicationChangelog.Write(changelog, CollectionsMarshal.AsSpan(_changes));
        }

        _changes.ClearKeepingRoom();
        inner.Flush();
    }

    public void Close() => inner.Close();

    public void Restore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone) =>
        DeduplicationChangelog.Restore(inner, key, value, isTombstone);
}
