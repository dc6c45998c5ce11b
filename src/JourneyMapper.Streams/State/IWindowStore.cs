using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.State;

/// <summary>
/// Fixed-size windows per key, identified by their start, as Kafka Streams' <c>WindowStore</c>; with
/// <see cref="ValueAndTimestamp{TValue}"/> values it is Kafka's <c>TimestampedWindowStore</c>.
/// The store keeps windows whose start is less than <see cref="Retention"/> behind <see cref="ObservedStreamTime"/>:
/// older ones are dropped when a put moves stream time on, and are neither stored nor returned afterwards.
/// </summary>
public interface IWindowStore<TKey, TValue> : IStateStore
{
    /// <summary>How far behind the latest window start a window is still kept, in milliseconds.</summary>
    long Retention { get; }

    /// <summary>The length of every window, in milliseconds.</summary>
    long WindowSize { get; }

    /// <summary>The latest window start put so far (<see cref="long.MinValue"/> before the first); a restore rebuilds it.</summary>
    long ObservedStreamTime { get; }

    /// <summary>Stores the window's value; a null value (or a <see cref="ValueAndTimestamp{TValue}"/> holding null) deletes it.
    /// A window already out of retention is ignored.</summary>
    void Put(TKey key, TValue? value, long windowStart);

    /// <summary>Deletes the window whatever the value type: a struct value has no null to put.</summary>
    void Remove(TKey key, long windowStart);

    /// <summary>The value of exactly this window, or default.</summary>
    TValue? Fetch(TKey key, long windowStart);

    /// <summary>The key's windows that start within [<paramref name="timeFrom"/>, <paramref name="timeTo"/>], by start, in start order.</summary>
    IReadOnlyList<KeyValuePair<long, TValue>> Fetch(TKey key, long timeFrom, long timeTo);

    /// <summary>Every window of every key, in start order; a snapshot, so the store may change while it is read.</summary>
    IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> All();
}
