using JourneyMapper.Journeys.Classification;
using JourneyMapper.Journeys.Dedup;
using JourneyMapper.Journeys.Privacy;
using JourneyMapper.Journeys.Routing;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Journeys.Validation;

namespace JourneyMapper.Journeys;

/// <summary>Everything the journey topology is configured by; each part binds from its own configuration section.</summary>
public sealed record JourneyOptions
{
    public JourneyTopics Topics { get; init; } = new();

    public ValidationOptions Validation { get; init; } = new();

    public DeduplicationOptions Deduplication { get; init; } = new();

    public PrivacyOptions Privacy { get; init; } = new();

    public SessionOptions Sessions { get; init; } = new();

    public ClassificationOptions Classification { get; init; } = new();

    public RoutingOptions Routing { get; init; } = new();
}
