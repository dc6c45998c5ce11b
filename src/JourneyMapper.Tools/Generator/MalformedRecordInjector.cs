using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Slips malformed records in between the events at InvalidRate, each made from the event whose valid record
/// follows it. Malformed records are inserted rather than substituted, so the valid records are exactly the
/// generator's event stream whatever the rate.
/// </summary>
internal static class MalformedRecordInjector
{
    private static readonly RecordDefect[] Defects =
    [
        RecordDefect.NotJson, RecordDefect.TruncatedJson, RecordDefect.MissingEventId, RecordDefect.BadTimestamp,
    ];

    public static IEnumerable<GeneratedRecord> Run(IEnumerable<ClickEvent> arrivalOrdered, ClickstreamGeneratorOptions options)
    {
        var random = SeedStreams.Create(options.Seed, SeedStreams.Defects);
        var rate = options.InvalidRate;

        foreach (var click in arrivalOrdered)
        {
            // Each slot is malformed with probability rate, so rate is the malformed share of all records.
            while (rate > 0 && random.NextDouble() < rate)
            {
                yield return new GeneratedRecord(click, Defects[random.Next(Defects.Length)]);
            }

            yield return new GeneratedRecord(click, RecordDefect.None);
        }
    }
}
