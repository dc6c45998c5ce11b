using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Journeys.Enrichment;

/// <summary>
/// Events of customers whose profile withholds analytics consent are not sessionized: they stop here, counted.
/// Customers without a profile (anonymous visitors, profiles not yet seen) have withheld nothing and flow on.
/// </summary>
/// <param name="consentWithheldStoreName">
/// A table of the profiles that withhold consent (the profile table filtered), or the profile table itself: a
/// profile found in it with consent withheld stops the event.
/// </param>
public sealed class DropWithoutAnalyticsConsent(string consentWithheldStoreName) : IProcessor<string, ClickEvent, string, ClickEvent>
{
    public const string ConsentWithheld = "consent-withheld-total";

    private IProcessorContext<string, ClickEvent>? _context;
    private IKeyValueStore<string, UserProfile>? _profiles;
    private MetricCounter? _withheld;

    public void Init(IProcessorContext<string, ClickEvent> context)
    {
        _context = context;
        _profiles = context.GetStateStore<IKeyValueStore<string, UserProfile>>(consentWithheldStoreName);
        _withheld = context.Metrics.Counter(ConsentWithheld);
    }

    public void Process(Record<string, ClickEvent> record)
    {
        if (_profiles!.Get(record.Key) is { AnalyticsConsent: false })
        {
            _withheld!.Increment();
            return;
        }

        _context!.Forward(record);
    }
}
