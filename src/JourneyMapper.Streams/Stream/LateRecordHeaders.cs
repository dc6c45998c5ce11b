namespace JourneyMapper.Streams.Stream;

/// <summary>Headers a windowed aggregation adds to a record it sends to its late-records stream.</summary>
public static class LateRecordHeaders
{
    /// <summary>Why the record is late: <c>window-closed</c>.</summary>
    public const string Reason = "__streams.late.reason";

    /// <summary>The close time (epoch ms) the record's window had already passed.</summary>
    public const string WindowCloseTime = "__streams.late.window.close.time";

    public const string WindowClosed = "window-closed";
}
