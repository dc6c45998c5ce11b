namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// How a changelogging store empties the keys it changed since the last flush (a set of keys, or a list of changes in
/// their order). The collection keeps room for what the flush just held, within bounds, from one flush to the next:
/// refilled from empty at every commit, a set of 100,000 keys grows through a dozen resizes and leaves megabytes of
/// garbage per commit. Room for more than twice that is given back, so a burst (a restore's first commit, a backlog)
/// is not kept for good.
/// </summary>
internal static class DirtySet
{
    /// <summary>The least room kept: about a second of input at 65,000 events/s, 1.5 to 2.5 MB depending on the key.</summary>
    private const int LeastRoom = 65_536;

    /// <summary>The most room kept: a commit of 0.5 s at 500,000 events/s, 6 to 10 MB.</summary>
    private const int MostRoom = 262_144;

    public static void ClearKeepingRoom<T>(this HashSet<T> dirty)
    {
        var keep = Room(dirty.Count);
        dirty.Clear();
        if (dirty.EnsureCapacity(0) > 2 * keep)
        {
            dirty.TrimExcess(keep);
        }
    }

    public static void ClearKeepingRoom<T>(this List<T> changes)
    {
        var keep = Room(changes.Count);
        changes.Clear();
        if (changes.Capacity > 2 * keep)
        {
            changes.Capacity = keep;
        }
    }

    private static int Room(int flushed) => Math.Clamp(flushed, LeastRoom, MostRoom);
}
