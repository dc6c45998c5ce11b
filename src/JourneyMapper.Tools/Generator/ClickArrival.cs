using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// A generated event as it reaches the broker: <paramref name="ArrivalTime"/> (epoch ms on the simulated
/// clock) lies in [timestamp, timestamp + MaxArrivalDelay]; duplicates repeat an earlier record unchanged.
/// </summary>
public readonly record struct ClickArrival(ClickEvent Event, long ArrivalTime, bool IsDuplicate);
