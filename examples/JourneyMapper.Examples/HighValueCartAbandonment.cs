using JourneyMapper.Journeys;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Examples;

/// <summary>
/// An example topology step of a user's own: carts abandoned by customers worth at least
/// <see cref="MinimumLifetimeValue"/> go to a topic of their own, for the team that calls them back.
/// Register it with <c>services.AddJourneyStep&lt;HighValueCartAbandonment&gt;()</c>.
/// </summary>
public sealed class HighValueCartAbandonment : IJourneyTopologyExtension
{
    public const string Topic = "journey.triggers.high-value-cart-abandonment";
    public const double MinimumLifetimeValue = 1_000;

    public void Extend(JourneyStreams streams) => streams.Segments
        .Filter((_, segment) => segment.PrimarySegment == "cart-abandonment" && segment.Profile?.LifetimeValue >= MinimumLifetimeValue, "high-value-cart-abandonment")
        .To(Topic, Produced.With(Serdes.String, streams.Serdes.Segments), named: "high-value-cart-abandonment-sink");
}
