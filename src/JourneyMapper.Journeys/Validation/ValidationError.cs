namespace JourneyMapper.Journeys.Validation;

/// <summary>Why an event was rejected: a stable code for machines and a sentence for people.</summary>
public sealed record ValidationError(string Code, string Message)
{
    public const string MissingValue = "missing-value";
    public const string MissingEventId = "missing-event-id";
    public const string MissingCustomerId = "missing-customer-id";
    public const string MissingEventType = "missing-event-type";
    public const string MissingTimestamp = "missing-timestamp";
    public const string TimestampOutOfRange = "timestamp-out-of-range";
}
