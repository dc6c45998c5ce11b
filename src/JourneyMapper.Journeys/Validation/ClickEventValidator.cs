using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Validation;

/// <summary>The checks of SPEC.md's ClickEvent contract; unknown event types are valid (kept and counted).</summary>
public sealed class ClickEventValidator(ValidationOptions options, TimeProvider clock)
{
    private readonly long _earliest = options.EarliestTimestamp.ToUnixTimeMilliseconds();
    private readonly long _maxFutureSkew = (long)options.MaxFutureSkew.TotalMilliseconds;

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

        var latest = clock.GetUtcNow().ToUnixTimeMilliseconds() + _maxFutureSkew;
        if (timestamp < _earliest || timestamp > latest)
        {
            return new ValidationError(
                ValidationError.TimestampOutOfRange,
                $"timestamp {timestamp} is outside [{_earliest}, now + {_maxFutureSkew} ms]");
        }

        return null;
    }
}
