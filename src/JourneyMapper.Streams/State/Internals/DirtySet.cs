namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// How a changelogging store empties the keys it changed since the last flush (a set of keys, or a list of changes in
/// their order). The collection keeps room for a steady commit's worth of keys from one flush to the next: refilled
/// from empty at every commit, a set of 100,000 keys grows through a dozen resizes and leaves megabytes of garbage per
/// commit. Room beyond that is given back, so a burst (a restore's first commit, a backlog) is not kept for good.
/// </summary>
internal static class DirtySet
{
    /// <summary>About a second of input at 65,000 events/s: 1.5 to 2.5 MB, depending on the key.</summary>
    private const int KeptRoom = 65_536;

    public static void ClearKeepingRoom<T>(this HashSet<T> dirty)
    {
        dirty.Clear();
        if (dirty.EnsureCapacity(0) > KeptRoom)
        {
            dirty.TrimExcess(KeptRoom);
        }
    }

    public static void ClearKeepingRoom<T>(this List<T> changes)
    {
        changes.Clear();
        if (changes.Capacity > KeptRoom)
        {
            changes.Capacity = KeptRoom;
        }
    }
}
