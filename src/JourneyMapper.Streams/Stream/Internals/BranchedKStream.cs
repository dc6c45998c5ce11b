namespace JourneyMapper.Streams.Stream.Internals;

internal sealed class BranchedKStream<TKey, TValue>(KStream<TKey, TValue> split, string splitName) : IBranchedKStream<TKey, TValue>
{
    private readonly List<Func<TKey, TValue, bool>> _earlier = [];

    public IBranchedKStream<TKey, TValue> Branch(Func<TKey, TValue, bool> predicate, Action<IKStream<TKey, TValue>> branch, string? named = null)
    {
        var earlier = _earlier.ToArray();
        branch(split.BranchOf((key, value) => predicate(key, value) && !AnyMatches(earlier, key, value), named ?? $"{splitName}-{_earlier.Count + 1}"));
        _earlier.Add(predicate);
        return this;
    }

    public void DefaultBranch(Action<IKStream<TKey, TValue>> branch, string? named = null)
    {
        var earlier = _earlier.ToArray();
        branch(split.BranchOf((key, value) => !AnyMatches(earlier, key, value), named ?? $"{splitName}-default"));
    }

    // A loop, not earlier.Any(p => p(key, value)): that lambda captures the record, a closure per record and branch.
    private static bool AnyMatches(Func<TKey, TValue, bool>[] predicates, TKey key, TValue value)
    {
        foreach (var predicate in predicates)
        {
            if (predicate(key, value))
            {
                return true;
            }
        }

        return false;
    }
}
