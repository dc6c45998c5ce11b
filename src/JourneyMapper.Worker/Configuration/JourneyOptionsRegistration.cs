using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Classification;
using JourneyMapper.Journeys.Dedup;
using JourneyMapper.Journeys.Privacy;
using JourneyMapper.Journeys.Routing;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Journeys.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Configuration;

/// <summary>Binds and validates every section of the journey topology and composes them into <see cref="JourneyOptions"/>.</summary>
public static class JourneyOptionsRegistration
{
    public static IServiceCollection AddJourneyOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeduplicationOptions>().BindStrictly(configuration.GetSection(DeduplicationOptionsValidator.Section)).ValidateOnStart();
        services.AddOptions<SessionOptions>().BindStrictly(configuration.GetSection(SessionOptions.Section)).ValidateOnStart();
        BindReplacingLists<PrivacyOptions>(services, configuration.GetSection(PrivacyOptions.Section), nameof(PrivacyOptions.PropertiesWhitelist), o => o.PropertiesWhitelist = null);
        BindReplacingLists<ClassificationOptions>(services, configuration.GetSection(ClassificationOptions.Section), nameof(ClassificationOptions.Rules), o => o.Rules = []);
        BindReplacingLists<RoutingOptions>(services, configuration.GetSection(RoutingOptions.Section), nameof(RoutingOptions.Triggers), o => o.Triggers = []);
        services.AddSingleton<IValidateOptions<DeduplicationOptions>, DeduplicationOptionsValidator>();
        services.AddSingleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddSingleton<IValidateOptions<ClassificationOptions>, ClassificationOptionsValidator>();
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>();

        services.AddSingleton(provider => new JourneyOptions
        {
            Topics = provider.GetRequiredService<IOptions<JourneyTopics>>().Value,
            Validation = provider.GetRequiredService<IOptions<ValidationOptions>>().Value,
            Deduplication = provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value,
            Privacy = provider.GetRequiredService<IOptions<PrivacyOptions>>().Value,
            Sessions = provider.GetRequiredService<IOptions<SessionOptions>>().Value,
            Classification = provider.GetRequiredService<IOptions<ClassificationOptions>>().Value,
            Routing = provider.GetRequiredService<IOptions<RoutingOptions>>().Value,
        });
        return services;
    }

    // The binder appends configured list items to a default list; a configured list must replace the default instead.
    private static void BindReplacingLists<TOptions>(IServiceCollection services, IConfigurationSection section, string list, Action<TOptions> clear)
        where TOptions : class
    {
        services.AddOptions<TOptions>()
            .Configure(options =>
            {
                if (section.GetSection(list).Exists())
                {
                    clear(options);
                }
            })
            .BindStrictly(section)
            .ValidateOnStart();
    }
}
