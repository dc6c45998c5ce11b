namespace JourneyMapper.Streams.Stream;

/// <summary>
/// A stream being split into branches, as Kafka Streams' <c>BranchedKStream</c>: each record goes to the
/// first branch whose predicate it matches, else to the default branch (or nowhere without one).
/// </summary>
public interface IBranchedKStream<TKey, TValue>
{
    IBranchedKStream<TKey, TValue> Branch(Func<TKey, TValue, bool> predicate, Action<IKStream<TKey, TValue>> branch, string? named = null);

    void DefaultBranch(Action<IKStream<TKey, TValue>> branch, string? named = null);
}
