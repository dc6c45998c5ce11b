using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.State;

/// <summary>
/// A value with the timestamp of the record that last updated it, as Kafka Streams' <c>ValueAndTimestamp</c>:
/// the value of a timestamped store, so that whoever reads a result also knows how recent it is.
/// A null <see cref="Value"/> stands for "absent", as <c>ValueAndTimestamp.make(null, ts)</c> is null in Kafka:
/// putting <c>default</c> into a timestamped store deletes, and fetching a missing entry returns <c>default</c>.
/// </summary>
public readonly record struct ValueAndTimestamp<TValue>(TValue Value, long Timestamp) : IAbsentWhenNull
{
    bool IAbsentWhenNull.IsAbsent => Value is null;
}
