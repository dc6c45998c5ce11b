using System.Globalization;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Replay;

/// <summary>
/// The end of a replay's input closes every session, by stream time as the batch definition would: one marker event
/// per partition, after all input and far enough ahead to close everything. Its own session never closes, so the
/// marker appears in no output.
/// </summary>
public static class ReplayEnd
{
    public const string CustomerId = "\u0001replay-end";

    public static ClickEvent Marker(long latestEventTime, SessionOptions sessions, int partition) => new()
    {
        EventId = string.Create(CultureInfo.InvariantCulture, $"replay-end-{partition}"),
        Timestamp = latestEventTime + sessions.GapMs + sessions.GraceMs + 1,
        EventType = "replay_end",
        UserId = CustomerId,
    };
}
