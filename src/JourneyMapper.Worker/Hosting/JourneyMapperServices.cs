using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Validation;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Hosting;

/// <summary>Registers the service: validated options, the journey topology and the hosted stream runtime.</summary>
public static class JourneyMapperServices
{
    public static IServiceCollection AddJourneyMapper(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.Section)).ValidateOnStart();
        services.AddOptions<StreamsOptions>().Bind(configuration.GetSection(StreamsOptions.Section)).ValidateOnStart();
        var topics = configuration.GetSection(JourneyTopicsValidator.Section);
        services.AddOptions<JourneyTopics>().Bind(topics).Configure(options => ReplaceInputTopics(options, topics)).ValidateOnStart();
        services.AddOptions<ValidationOptions>().Bind(configuration.GetSection("JourneyMapper:Validation"));
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddSingleton<IValidateOptions<StreamsOptions>, StreamsOptionsValidator>();
        services.AddSingleton<IValidateOptions<JourneyTopics>, JourneyTopicsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Serdes.From(JsonSerdes.ClickEvent, JsonSerdes.ClickEvent));
        services.AddSingleton(provider => JourneyTopology.Build(
            provider.GetRequiredService<IOptions<JourneyTopics>>().Value,
            provider.GetRequiredService<IOptions<ValidationOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Serde<ClickEvent>>()));
        services.AddSingleton(provider => StreamsConfigFactory.Create(
            provider.GetRequiredService<IOptions<KafkaOptions>>().Value,
            provider.GetRequiredService<IOptions<StreamsOptions>>().Value,
            provider.GetRequiredService<IOptions<JourneyTopics>>().Value,
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<StreamsHostedService>();
        services.AddHostedService(provider => provider.GetRequiredService<StreamsHostedService>());
        return services;
    }

    // The binder appends configured list items to a default list; configured input topics must replace it.
    private static void ReplaceInputTopics(JourneyTopics options, IConfiguration topics)
    {
        if (topics.GetSection(nameof(JourneyTopics.Input)).Get<string[]>() is { Length: > 0 } configured)
        {
            options.Input = configured;
        }
    }
}
