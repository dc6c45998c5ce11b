using System.CommandLine;
using JourneyMapper.Journeys;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Streams;
using JourneyMapper.Tools.Generator;
using JourneyMapper.Tools.Kafka;
using JourneyMapper.Tools.SchemaRegistry;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Dev;
using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Cli;

/// <summary>
/// <c>dev</c>: the embedded default. An in-process Kafka-protocol cluster and schema registry, the topics, a synthetic
/// clickstream and the service, with what the service emits printed as it happens. Ctrl-C stops it all.
/// </summary>
public static class DevCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate") { Description = "Synthetic events per second", DefaultValueFactory = _ => 20 };
        var brokers = new Option<int>("--brokers") { Description = "Brokers in the embedded cluster", DefaultValueFactory = _ => 3 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic", DefaultValueFactory = _ => 6 };
        var invalidRate = new Option<double>("--invalid-rate") { Description = "Share of malformed records, to show the dead-letter queue", DefaultValueFactory = _ => 0.02 };

        var command = new Command("dev", "Run the service on an embedded Kafka cluster and schema registry with a synthetic clickstream.")
        {
            rate, brokers, partitions, invalidRate,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var cluster = EmbeddedKafkaCluster.Start(parseResult.GetValue(brokers));

            // Confluent's rules, as the real registry applies them: evolving ClickEvent.avsc in dev meets the same checks.
            var registry = await InProcessSchemaRegistry.StartAsync(
                new InProcessSchemaRegistryOptions
                {
                    CompatibilityChecker = AvroCompatibilityChecker.Instance,
                    NormalizeSchema = AvroCompatibilityChecker.NormalizeSchema,
                },
                cancellationToken).ConfigureAwait(false);
            await using (registry.ConfigureAwait(false))
            {
                var builder = JourneyMapperHost.CreateBuilder(
                    [.. parseResult.UnmatchedTokens],
                    new Dictionary<string, string?>
                    {
                        ["JourneyMapper:Kafka:BootstrapServers"] = cluster.BootstrapServers,
                        ["JourneyMapper:SchemaRegistry:Url"] = registry.Url,

                        // Synthetic data only: the public development salt is fine unless a salt is configured.
                        ["JourneyMapper:Privacy:UseDevelopmentSalt"] = "true",
                    });
                var topics = builder.Configuration.GetSection(JourneyTopicsValidator.Section).Get<JourneyTopics>() ?? new JourneyTopics();
                foreach (var topic in topics.All())
                {
                    cluster.CreateTopic(topic, parseResult.GetValue(partitions));
                }

                var format = ConfiguredFormat(builder.Configuration[$"{SerializationOptions.Section}:Format"]);
                var settings = new DevSettings(cluster.BootstrapServers, parseResult.GetValue(rate), new ClickstreamGeneratorOptions
                {
                    InvalidRate = parseResult.GetValue(invalidRate),

                    // Synthetic event time runs faster than the wall clock; starting half a day back keeps it
                    // behind "now" (validation rejects events from the future) for a long dev session.
                    StartTime = DateTimeOffset.UtcNow.AddHours(-12),
                })
                {
                    Format = format,
                };
                await Console.Out.WriteLineAsync(
                    $"Embedded Kafka cluster: {cluster.BootstrapServers} ({cluster.BrokerCount} brokers). Schema registry: {registry.Url}. "
                    + $"Records: {format}. Ctrl-C stops.").ConfigureAwait(false);

                builder.Services.AddJourneyMapper(builder.Configuration);
                builder.Services.AddSingleton(settings);
                builder.Services.AddSingleton(Console.Out);
                builder.Services.AddHostedService<DevClickstreamService>();
                builder.Services.AddHostedService<DevOutputPrinter>();
                builder.Services.AddHostedService<DevEndpointsBanner>();
                var host = builder.Build();
                CreateInternalTopics(cluster, host.Services, parseResult.GetValue(partitions));
                return await JourneyMapperHost.RunAsync(host, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    // The mock cluster has no admin API for creating topics, so the runtime cannot create its changelog and
    // repartition topics itself: they are created here, like the user topics.
    private static void CreateInternalTopics(EmbeddedKafkaCluster cluster, IServiceProvider services, int partitions)
    {
        if (JourneyMapperHost.ConfigurationFailures(services).Count > 0)
        {
            return; // the host reports them and stops
        }

        var applicationId = services.GetRequiredService<IOptions<KafkaOptions>>().Value.ApplicationId;
        foreach (var topic in services.GetRequiredService<Topology>().InternalTopics(applicationId))
        {
            cluster.CreateTopic(topic.Name, partitions);
        }
    }

    // A value the binder cannot read is reported, with its key, by the host's start-up checks.
    private static SerializationFormat ConfiguredFormat(string? configured) =>
        Enum.TryParse<SerializationFormat>(configured, ignoreCase: true, out var format)
            ? format
            : SerializationFormat.Avro;
}
