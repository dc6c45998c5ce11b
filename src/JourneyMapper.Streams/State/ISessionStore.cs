using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State;

/// <summary>
/// Session windows per key, as Kafka Streams' <c>SessionStore</c>. Sessions of one key never overlap.
/// </summary>
/// <remarks>
/// What a read returns may be the caller's own copy (a store that holds its aggregates serialized decodes one per read),
/// so a changed aggregate is stored by putting it, never by changing what was read.
/// </remarks>
public interface ISessionStore<TKey, TAggregate> : IStateStore
{
    /// <summary>The key's sessions that end at or after <paramref name="earliestSessionEnd"/> and start at or before
    /// <paramref name="latestSessionStart"/>, in start order.</summary>
    IReadOnlyList<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart);

    /// <summary>As <see cref="FindSessions(TKey, long, long)"/>, appending to <paramref name="found"/>: no allocation per call.</summary>
    void FindSessions(TKey key, long earliestSessionEnd, long latestSessionStart, List<KeyValuePair<Windowed<TKey>, TAggregate>> found) =>
        found.AddRange(FindSessions(key, earliestSessionEnd, latestSessionStart));

    /// <summary>The aggregate of exactly this session, or default.</summary>
    TAggregate? FetchSession(TKey key, long start, long end);

    void Put(Windowed<TKey> session, TAggregate aggregate);

    void Remove(Windowed<TKey> session);

    /// <summary>
    /// Removes every session that ends before <paramref name="time"/>, oldest end first, handing each to
    /// <paramref name="onExpired"/>: how windowed operations close sessions and free their memory. A logged
    /// store writes a tombstone for each, so a restore brings back only the sessions still open.
    /// </summary>
    void ExpireBefore(long time, Action<Windowed<TKey>, TAggregate> onExpired);

    /// <summary>The latest session end the store has seen; a restored store resumes its stream time from it.</summary>
    long ObservedEnd { get; }

    long ApproximateNumEntries { get; }
}
