using System.Security.Cryptography;
using System.Text;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Tests.RealData;

/// <summary>
/// One row of trivago-rio/interaction_dataset.csv, every column as written (list columns keep their Python-list text).
/// <paramref name="LineNumber"/> is 1-based in the file, so the first data row is line 2.
/// </summary>
internal sealed record TrivagoRow(
    int LineNumber,
    string Line,
    string SessionId,
    string UserId,
    long TimestampSeconds,
    string ActionType,
    string ItemId,
    string Impressions,
    string ListReferenceItem,
    string PosItemId,
    string Clicked)
{
    /// <summary>
    /// <c>trivago-</c> + the first 32 hex characters of SHA-256 over the row's text: deterministic, and the same for
    /// exact duplicate rows, so deduplication by eventId removes them as it would a re-sent event.
    /// </summary>
    public string EventId { get; } = "trivago-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Line)))[..32];

    /// <summary>
    /// The row as the service receives it: userId = user_id, timestamp = seconds x 1000, eventType mapped by
    /// <see cref="TrivagoDataset.CanonicalEventType"/>, productId = item_id, and in properties the raw action type and
    /// the site's own session id (<c>trueSessionId</c>) so results can be scored against it.
    /// </summary>
    public ClickEvent ToClickEvent() => new()
    {
        EventId = EventId,
        Timestamp = TimestampSeconds * 1000,
        EventType = TrivagoDataset.CanonicalEventType(ActionType),
        UserId = UserId,
        ProductId = ItemId,
        Properties = new Dictionary<string, string>
        {
            [TrivagoDataset.ActionTypeProperty] = ActionType,
            [TrivagoDataset.TrueSessionIdProperty] = SessionId,
        },
    };
}
