namespace JourneyMapper.Tools.Generator;

/// <summary>How a deliberately malformed raw record is broken, so demos can show each dead-letter reason.</summary>
public enum RecordDefect
{
    None = 0,

    /// <summary>The value is text that is not JSON at all (a CSV line from a misconfigured producer).</summary>
    NotJson,

    /// <summary>The value is a ClickEvent's JSON cut off halfway.</summary>
    TruncatedJson,

    /// <summary>Well-formed JSON that lacks the required eventId.</summary>
    MissingEventId,

    /// <summary>Well-formed JSON whose timestamp is neither epoch milliseconds nor ISO-8601.</summary>
    BadTimestamp,
}
