using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Validation;

/// <summary>The checks of SPEC.md's ClickEvent contract; unknown event types are valid (kept and counted).</summary>
public sealed class ClickEventValidator(ValidationOptions options, TimeProvider clock)
{
    private readonly long _earliest = options.EarliestTimestamp.ToUnixTimeMilliseconds();
    private readonly long _maxFutureSkew = (long)options.MaxFutureSkew.TotalMilliseconds;

    /// <summary>Not before the earliest accepted time, and not further ahead of the wall clock than the allowed skew.</summary>
    public bool IsPlausibleTime(long timestamp) =>
        timestamp >= _earliest && timestamp <= clock.GetUtcNow().ToUnixTimeMilliseconds() + _maxFutureSkew;

    /// <summary>Null when the event is usable, else the first rule it breaks.</summary>
    public ValidationError? Validate(ClickEvent? clickEvent)
    {
        if (clickEvent is null)
        {
            return new ValidationError(ValidationError.MissingValue, "the record has no value (a tombstone is not an event)");
        }

        if (string.IsNullOrWhiteSpace(clickEvent.EventId))
        {
            return new ValidationError(ValidationError.MissingEventId, "eventId is required");
        }

        if (string.IsNullOrWhiteSpace(clickEvent.CustomerId))
        {
            return new ValidationError(ValidationError.MissingCustomerId, "userId or anonymousId is required");
        }

        if (string.IsNullOrWhiteSpace(clickEvent.EventType))
        {
            return new ValidationError(ValidationError.MissingEventType, "eventType is required");
        }

        if (clickEvent.Timestamp is not { } timestamp)
        {
            return new ValidationError(ValidationError.MissingTimestamp, "timestamp is required");
        }

        if (!IsPlausibleTime(timestamp))
        {
            return new ValidationError(
                ValidationError.TimestampOutOfRange,
                $"timestamp {timestamp} is outside [{_earliest}, now + {_maxFutureSkew} ms]");
        }

        return null;
    }
}
