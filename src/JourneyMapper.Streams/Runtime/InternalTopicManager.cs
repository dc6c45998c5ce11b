using Confluent.Kafka;
using Confluent.Kafka.Admin;
using JourneyMapper.Streams.Errors;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// Makes sure the changelog and repartition topics exist before any thread starts, created with the
/// partition count of the topic each one follows. Topics that already exist are left as they are, so a
/// cluster that cannot create topics works once they are created up front from <see cref="Topology.InternalTopics"/>.
/// </summary>
internal sealed partial class InternalTopicManager(StreamsConfig config, ILogger logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task EnsureAsync(IReadOnlyList<InternalTopic> topics)
    {
        if (topics.Count == 0)
        {
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig(ClientConfigsFor(config)) { BootstrapServers = config.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(Timeout);
        var existing = metadata.Topics.Where(topic => topic.Error.Code == ErrorCode.NoError).ToDictionary(topic => topic.Topic, topic => topic.Partitions.Count);
        var missing = topics.Where(topic => !existing.ContainsKey(topic.Name)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var specifications = missing.Select(topic => new TopicSpecification
        {
            Name = topic.Name,
            NumPartitions = existing.TryGetValue(topic.PartitionsLike, out var partitions)
                ? partitions
                : throw new StreamsException($"internal topic '{topic.Name}' follows '{topic.PartitionsLike}', which does not exist; create the input topics first"),
            ReplicationFactor = -1,
            Configs = topic.Config.ToDictionary(entry => entry.Key, entry => entry.Value),
        }).ToList();
        try
        {
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout }).ConfigureAwait(false);
            foreach (var specification in specifications)
            {
                LogCreated(specification.Name, specification.NumPartitions);
            }
        }
        catch (CreateTopicsException ex) when (ex.Results.All(result => result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance of the application created them first.
        }
        catch (KafkaException ex)
        {
            throw new StreamsException(
                $"could not create the internal topics [{string.Join(", ", missing.Select(topic => topic.Name))}]: {ex.Error.Reason}. "
                + "Create them up front (Topology.InternalTopics lists names, partitions and configs) or grant the application CreateTopics.",
                ex);
        }
    }

    private static Dictionary<string, string> ClientConfigsFor(StreamsConfig config) => new(config.ClientProperties);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created internal topic {Topic} with {Partitions} partitions")]
    private partial void LogCreated(string topic, int partitions);
}
