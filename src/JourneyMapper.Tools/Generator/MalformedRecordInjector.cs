using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Serializes events into Kafka-ready records and slips malformed ones in between at InvalidRate.
/// Malformed records are inserted rather than substituted, so the valid records are exactly the
/// generator's event stream whatever the rate.
/// </summary>
internal static class MalformedRecordInjector
{
    private static readonly RecordDefect[] Defects =
    [
        RecordDefect.NotJson, RecordDefect.TruncatedJson, RecordDefect.MissingEventId, RecordDefect.BadTimestamp,
    ];

    public static IEnumerable<RawClickRecord> Run(IEnumerable<ClickEvent> arrivalOrdered, ClickstreamGeneratorOptions options)
    {
        var random = SeedStreams.Create(options.Seed, SeedStreams.Defects);
        var rate = options.InvalidRate;

        foreach (var click in arrivalOrdered)
        {
            // Each slot is malformed with probability rate, so rate is the malformed share of all records.
            while (rate > 0 && random.NextDouble() < rate)
            {
                var defect = Defects[random.Next(Defects.Length)];
                yield return new RawClickRecord(click.CustomerId!, Malform(click, defect), defect);
            }

            yield return new RawClickRecord(click.CustomerId!, Serialize(click), RecordDefect.None);
        }
    }

    public static byte[] Serialize(ClickEvent click) => JsonSerdes.ClickEvent.Serialize(click, SerializationContext.Empty);

    private static byte[] Malform(ClickEvent click, RecordDefect defect) => defect switch
    {
        RecordDefect.NotJson => Encoding.UTF8.GetBytes(string.Join(
            ',',
            click.EventId,
            click.Timestamp?.ToString(CultureInfo.InvariantCulture),
            click.EventType,
            click.CustomerId)),
        RecordDefect.TruncatedJson => Serialize(click)[..(Serialize(click).Length / 2)],
        RecordDefect.MissingEventId => Serialize(click with { EventId = null }),
        RecordDefect.BadTimestamp => WithBadTimestamp(click),
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, "not a defect"),
    };

    private static byte[] WithBadTimestamp(ClickEvent click)
    {
        var json = JsonNode.Parse(Serialize(click))!.AsObject();
        json["timestamp"] = "yesterday afternoon";
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
