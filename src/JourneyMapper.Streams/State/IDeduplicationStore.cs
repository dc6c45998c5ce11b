namespace JourneyMapper.Streams.State;

/// <summary>
/// The keys seen within a retention period, for dropping repeats (events by id, requests by idempotency key):
/// the first arrival of a key is added, later arrivals find it. Keys are kept only as 128-bit hashes
/// (<see cref="DeduplicationKey"/>), never as the keys themselves, so an entry costs the same whatever the key.
/// </summary>
/// <remarks>
/// Time is stream time: <see cref="ObservedStreamTime"/> is the largest timestamp added, put or advanced to.
/// A key added at timestamp <c>t</c> is remembered while <c>ObservedStreamTime - t &lt; Retention</c>;
/// afterwards it is forgotten (and its memory reclaimed soon after), so the key can be added again.
/// </remarks>
public interface IDeduplicationStore : IStateStore
{
    /// <summary>How long, in milliseconds of stream time, a key is remembered after its timestamp.</summary>
    long Retention { get; }

    /// <summary>The largest timestamp seen so far (<see cref="long.MinValue"/> before the first); a restore rebuilds it.</summary>
    long ObservedStreamTime { get; }

    /// <summary>Keys held, including forgotten ones whose memory is not reclaimed yet.</summary>
    long ApproximateNumEntries { get; }

    /// <summary>
    /// Adds the key as seen at <paramref name="timestamp"/> unless it is remembered already; true when it was not
    /// (a first arrival, or the first since the key was forgotten). A key whose timestamp is already out of retention
    /// is not remembered at all: the call returns true and changes nothing but stream time.
    /// </summary>
    bool TryAdd(UInt128 keyHash, long timestamp);

    /// <summary>True, with the timestamp it was added at, when the key is remembered.</summary>
    bool TryGetTimestamp(UInt128 keyHash, out long timestamp);

    /// <summary>Remembers the key as seen at <paramref name="timestamp"/>, replacing what was there (restores use it).</summary>
    void Put(UInt128 keyHash, long timestamp);

    /// <summary>Forgets the key now; true when it was remembered.</summary>
    bool Remove(UInt128 keyHash);

    /// <summary>Moves stream time on (never back), forgetting the keys that fall out of retention.</summary>
    void AdvanceStreamTime(long streamTime);
}
