using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Streams;
using JourneyMapper.Tools.Kafka;
using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JourneyMapper.Worker.Tests.Integration;

/// <summary>
/// The real service (Generic Host, options, stream runtime) against an embedded Kafka-protocol cluster,
/// with its own application id and topics so tests never see each other's records.
/// </summary>
internal sealed class ServiceFixture : IAsyncDisposable
{
    public const int InputPartitions = 6;

    private readonly Dictionary<string, string?> _configuration;

    private ServiceFixture(EmbeddedKafkaCluster cluster, IHost host, string applicationId, Dictionary<string, string?> configuration)
    {
        Cluster = cluster;
        Host = host;
        ApplicationId = applicationId;
        _configuration = configuration;
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public IHost Host { get; private set; }

    public string ApplicationId { get; }

    /// <summary>The privacy salt the service hashes with, so tests can compute what it emits.</summary>
    public const string Salt = TestHost.Salt;

    /// <summary>The tests watch what passed validation on the optional validated-events topic, so the fixture turns it on.</summary>
    public const string ValidatedEventsTopic = "journey.validated-events";

    public JourneyTopics Topics { get; } = new() { ValidatedEvents = ValidatedEventsTopic };

    /// <param name="settings">Configuration on top of the fixture's own; records are JSON unless it says otherwise.</param>
    public static async Task<ServiceFixture> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        var topics = new JourneyTopics { ValidatedEvents = ValidatedEventsTopic };
        foreach (var topic in topics.All())
        {
            cluster.CreateTopic(topic, topic == topics.DeadLetterQueue ? 1 : InputPartitions);
        }

        var applicationId = "journey-mapper-test-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new Dictionary<string, string?>
        {
            ["JourneyMapper:Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["JourneyMapper:Kafka:ApplicationId"] = applicationId,
            ["JourneyMapper:Streams:CommitIntervalMs"] = "200",
            ["JourneyMapper:Serialization:Format"] = "Json",
            ["JourneyMapper:Topics:ValidatedEvents"] = ValidatedEventsTopic,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var host = TestHost.Build(configuration);

        // The mock cluster has no admin API for creating topics: the runtime's changelog and repartition topics are made here.
        foreach (var topic in host.Services.GetRequiredService<Topology>().InternalTopics(applicationId))
        {
            cluster.CreateTopic(topic.Name, InputPartitions);
        }

        await host.StartAsync();
        return new ServiceFixture(cluster, host, applicationId, configuration);
    }

    /// <summary>Stops the service and starts a new instance with the same application id, as a redeploy does.</summary>
    public async Task RestartAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Host = TestHost.Build(_configuration);
        await Host.StartAsync();
    }

    public IProducer<byte[]?, byte[]?> CreateProducer() =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = Cluster.BootstrapServers, EnableIdempotence = true }).Build();

    /// <summary>
    /// Reads a topic from the start until <paramref name="count"/> records arrived or the time is up, then
    /// a second more, so that a record too many shows up in the result instead of passing unseen.
    /// </summary>
    public List<ConsumeResult<byte[]?, byte[]?>> Consume(string topic, int count, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
            {
                records.Add(record);
            }

            if (records.Count == count)
            {
                deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
                count = -1;
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>Offsets the service's consumer group has committed on the input topic, summed over partitions.</summary>
    public long CommittedInputOffsets()
    {
        using var admin = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = ApplicationId,
        }).Build();
        var partitions = Enumerable.Range(0, InputPartitions).Select(p => new TopicPartition(Topics.Input[0], p));
        return admin.Committed(partitions, TimeSpan.FromSeconds(10)).Sum(offset => Math.Max(0, offset.Offset.Value));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Cluster.Dispose();
    }
}
