using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Validation;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Observability;
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
        services.AddOptions<KafkaOptions>().BindStrictly(configuration.GetSection(KafkaOptions.Section)).ValidateOnStart();
        services.AddOptions<StreamsOptions>().BindStrictly(configuration.GetSection(StreamsOptions.Section)).ValidateOnStart();
        services.AddOptions<SerializationOptions>().BindStrictly(configuration.GetSection(SerializationOptions.Section)).ValidateOnStart();
        services.AddOptions<SchemaRegistrySettings>().BindStrictly(configuration.GetSection(SchemaRegistrySettings.Section)).ValidateOnStart();
        var topics = configuration.GetSection(JourneyTopicsValidator.Section);
        services.AddOptions<JourneyTopics>().Bind(topics).Configure(options => ReplaceInputTopics(options, topics)).ValidateOnStart();
        services.AddOptions<ValidationOptions>().Bind(configuration.GetSection("JourneyMapper:Validation"));
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddSingleton<IValidateOptions<StreamsOptions>, StreamsOptionsValidator>();
        services.AddSingleton<IValidateOptions<JourneyTopics>, JourneyTopicsValidator>();
        services.AddSingleton<IValidateOptions<SchemaRegistrySettings>, SchemaRegistrySettingsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddRecordSerdes();
        services.AddJourneyOptions(configuration);
        services.AddSingleton(provider => JourneyTopology.Build(
            provider.GetRequiredService<JourneyOptions>(),
            new JourneySerdes(
                provider.GetRequiredService<Serde<ClickEvent>>(),
                provider.GetRequiredService<Serde<UserProfile>>(),
                provider.GetRequiredService<Serde<JourneySegment>>()),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetServices<IJourneyTopologyExtension>()));
        services.AddSingleton(provider => StreamsConfigFactory.Create(
            provider.GetRequiredService<IOptions<KafkaOptions>>().Value,
            provider.GetRequiredService<IOptions<StreamsOptions>>().Value,
            provider.GetRequiredService<IOptions<JourneyTopics>>().Value,
            provider.GetRequiredService<ILoggerFactory>()));

        // Hosted services start in this order (and stop in the reverse): the health and metrics endpoints answer
        // throughout; the output schemas are settled before the runtime starts.
        services.AddObservability(configuration);
        services.AddHostedService<SchemaRegistryStartup>();
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
