using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// The synthetic stream as JSON records keyed by customer id: each valid event serialized with the JSON serde, each
/// malformed record broken as its defect says.
/// </summary>
public static class JsonClickRecords
{
    public static RawClickRecord Encode(GeneratedRecord record)
    {
        var click = record.Event;
        ArgumentNullException.ThrowIfNull(click);
        return new RawClickRecord(click.CustomerId!, record.IsValid ? Serialize(click) : Malform(click, record.Defect), record.Defect);
    }

    private static byte[] Serialize(ClickEvent click) => JsonSerdes.ClickEvent.Serialize(click, SerializationContext.Empty);

    private static byte[] Malform(ClickEvent click, RecordDefect defect) => defect switch
    {
        RecordDefect.NotJson => Encoding.UTF8.GetBytes(string.Join(
            ',',
            click.EventId,
            click.Timestamp?.ToString(CultureInfo.InvariantCulture),
            click.EventType,
            click.CustomerId)),
        RecordDefect.TruncatedJson => Truncate(Serialize(click)),
        RecordDefect.MissingEventId => Serialize(click with { EventId = null }),
        RecordDefect.BadTimestamp => WithBadTimestamp(click),
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, "not a defect"),
    };

    private static byte[] Truncate(byte[] json) => json[..(json.Length / 2)];

    private static byte[] WithBadTimestamp(ClickEvent click)
    {
        var json = JsonNode.Parse(Serialize(click))!.AsObject();
        json["timestamp"] = "yesterday afternoon";
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
