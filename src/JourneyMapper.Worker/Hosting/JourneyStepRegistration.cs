using JourneyMapper.Journeys;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyMapper.Worker.Hosting;

/// <summary>How a step of your own joins the journey topology: one line beside <c>AddJourneyMapper</c>.</summary>
public static class JourneyStepRegistration
{
    /// <summary>The step receives the named streams (<see cref="JourneyStreams"/>) when the topology is built.</summary>
    public static IServiceCollection AddJourneyStep<TStep>(this IServiceCollection services)
        where TStep : class, IJourneyTopologyExtension =>
        services.AddSingleton<IJourneyTopologyExtension, TStep>();
}
