using System.Text.Json.Serialization;

namespace JourneyMapper.Serialization.Records;

/// <summary>
/// One clickstream event as it arrives on the input topics (schemas/ClickEvent.avsc is the same record).
/// Every field is nullable in memory because validation, not deserialization, decides what a usable event is:
/// an event missing its id must still reach the dead-letter queue with a reason. Equality is by value throughout,
/// <see cref="Properties"/> included.
/// </summary>
public sealed record ClickEvent
{
    public string? EventId { get; init; }

    /// <summary>Event time in epoch milliseconds (JSON also accepts an ISO-8601 string).</summary>
    public long? Timestamp { get; init; }

    public string? EventType { get; init; }
    public string? UserId { get; init; }
    public string? AnonymousId { get; init; }
    public string? Channel { get; init; }
    public string? ProductId { get; init; }
    public string? PageUrl { get; init; }
    public string? Referrer { get; init; }
    public string? Campaign { get; init; }
    public string? DeviceId { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>
    /// The event's free-form properties, or null when it has none (JSON: <c>null</c> or no member; Avro: the union's
    /// null branch). A value held inside the record, so decoding an event with properties allocates one object, and
    /// compared by content: two events with the same properties are equal whatever order they hold them in.
    /// A <c>Dictionary&lt;string, string&gt;</c> converts implicitly.
    /// </summary>
    public EventProperties? Properties { get; init; }

    /// <summary>The key the journey is tracked under: the user when known, else the anonymous visitor.</summary>
    [JsonIgnore]
    public string? CustomerId => string.IsNullOrEmpty(UserId) ? AnonymousId : UserId;
}
