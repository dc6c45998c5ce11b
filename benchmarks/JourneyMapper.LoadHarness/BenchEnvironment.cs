using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Streams;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Tools.Kafka;
using JourneyMapper.Tools.SchemaRegistry;
using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JourneyMapper.LoadHarness;

/// <summary>
/// What every phase of a run shares: the embedded cluster with its topics, the in-process schema registry, and the
/// service's configuration. A host built from that configuration (never started) answers what the harness must
/// know exactly as the service knows it: the internal topics, the client settings and the ClickEvent serializer.
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    public const string ApplicationId = "journey-mapper-bench";

    /// <summary>The pass-through's own input and output, so that the service never reads what the baseline left behind.</summary>
    public const string PassThroughInput = "bench.pass-through.in";

    public const string PassThroughOutput = "bench.pass-through.out";

    private readonly InProcessSchemaRegistry _registry;
    private readonly IHost _template;

    private BenchEnvironment(BenchSettings settings, EmbeddedKafkaCluster cluster, InProcessSchemaRegistry registry, IHost template)
    {
        Settings = settings;
        Cluster = cluster;
        _registry = registry;
        _template = template;
        Topics = template.Services.GetRequiredService<JourneyOptions>().Topics;
    }

    public BenchSettings Settings { get; }

    public EmbeddedKafkaCluster Cluster { get; }

    public JourneyTopics Topics { get; }

    public string InputTopic => Topics.Input[0];

    /// <summary>The runtime's settings for this configuration: the pass-through runs its clients with them.</summary>
    public StreamsConfig StreamsConfig => _template.Services.GetRequiredService<StreamsConfig>();

    /// <summary>ClickEvents in the service's format (Confluent-framed Avro registered under the input topic, or JSON).</summary>
    public ISerializer<ClickEvent> ClickEventSerializer => _template.Services.GetRequiredService<Serde<ClickEvent>>().Serializer;

    public static async Task<BenchEnvironment> StartAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var cluster = EmbeddedKafkaCluster.Start(settings.Brokers);
        InProcessSchemaRegistry? registry = null;
        try
        {
            registry = await InProcessSchemaRegistry.StartAsync(
                new InProcessSchemaRegistryOptions
                {
                    CompatibilityChecker = AvroCompatibilityChecker.Instance,
                    NormalizeSchema = AvroCompatibilityChecker.NormalizeSchema,
                },
                cancellationToken).ConfigureAwait(false);
            var template = BuildHost(ServiceConfiguration(settings, cluster.BootstrapServers, registry.Url, metricsPort: 0));
            var environment = new BenchEnvironment(settings, cluster, registry, template);
            environment.CreateTopics(template.Services.GetRequiredService<Topology>());
            return environment;
        }
        catch
        {
            if (registry is not null)
            {
                await registry.DisposeAsync().ConfigureAwait(false);
            }

            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The service's configuration for one instance, with its endpoints on <paramref name="metricsPort"/>.</summary>
    public IReadOnlyDictionary<string, string?> ServiceConfiguration(int metricsPort) =>
        ServiceConfiguration(Settings, Cluster.BootstrapServers, _registry.Url, metricsPort);

    /// <summary>A loopback port free at the time of asking, for an instance's health and metrics endpoints.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A host of the service with <paramref name="configuration"/>, or with the <c>--Section:Key=value</c> arguments the worker
    /// takes; a configuration error fails here, not later.
    /// </summary>
    public static IHost BuildHost(IReadOnlyDictionary<string, string?> configuration, string[]? arguments = null)
    {
        var builder = JourneyMapperHost.CreateBuilder(arguments ?? [], configuration.ToDictionary());
        builder.Services.AddJourneyMapper(builder.Configuration);
        var host = builder.Build();
        var failures = JourneyMapperHost.ConfigurationFailures(host.Services);
        if (failures.Count > 0)
        {
            host.Dispose();
            throw new InvalidOperationException("The service's configuration is invalid: " + string.Join("; ", failures));
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        _template.Dispose();
        await _registry.DisposeAsync().ConfigureAwait(false);
        Cluster.Dispose();
    }

    private static Dictionary<string, string?> ServiceConfiguration(BenchSettings settings, string bootstrapServers, string registryUrl, int metricsPort) => new()
    {
        ["JourneyMapper:Kafka:BootstrapServers"] = bootstrapServers,
        ["JourneyMapper:Kafka:ApplicationId"] = ApplicationId,
        ["JourneyMapper:SchemaRegistry:Url"] = registryUrl,
        ["JourneyMapper:Serialization:Format"] = settings.Format.ToString(),

        // Synthetic customers only: the public development salt is fine here.
        ["JourneyMapper:Privacy:UseDevelopmentSalt"] = "true",
        ["JourneyMapper:Observability:Urls"] = $"http://127.0.0.1:{metricsPort}",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    // The mock cluster has no admin API for creating topics: every topic, internal ones included, is made here with the
    // input's partition count, as the tasks need.
    private void CreateTopics(Topology topology)
    {
        var partitions = Settings.Partitions;
        foreach (var topic in Topics.All().Concat(topology.SinkTopics).Concat([PassThroughInput, PassThroughOutput]).Distinct())
        {
            Cluster.CreateTopic(topic, partitions);
        }

        foreach (var topic in topology.InternalTopics(ApplicationId))
        {
            Cluster.CreateTopic(topic.Name, partitions);
        }
    }
}
