namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// A store value that can mean "no value" without being null itself: a struct such as
/// <see cref="ValueAndTimestamp{TValue}"/> can never be null, yet a null inside it must delete, as in Kafka.
/// </summary>
internal interface IAbsentWhenNull
{
    bool IsAbsent { get; }
}
