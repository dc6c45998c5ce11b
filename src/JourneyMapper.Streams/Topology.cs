using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams;

/// <summary>
/// The processing graph a <see cref="StreamBuilder"/> built: sources, processors, sinks and state stores,
/// grouped into sub-topologies. Immutable once built; every task instantiates its own processors and stores.
/// Internal topics (changelogs, repartition topics) are named after the application id, which a topology
/// learns only when it runs; methods that need those names take it.
/// </summary>
public sealed class Topology
{
    private readonly IReadOnlyList<TopologyNode> _nodes;
    private readonly Dictionary<string, (ISourceTopologyNode Node, Subtopology Subtopology)> _sourcesByTopic = [];

    internal Topology(IReadOnlyList<TopologyNode> nodes, IReadOnlyDictionary<string, IStoreBuilder> stores)
    {
        _nodes = nodes;
        Subtopologies = Subtopology.Group(nodes, stores);
        foreach (var subtopology in Subtopologies)
        {
            foreach (var source in subtopology.Nodes.OfType<ISourceTopologyNode>())
            {
                foreach (var topic in source.Topics)
                {
                    if (!_sourcesByTopic.TryAdd(topic, (source, subtopology)))
                    {
                        throw new ArgumentException($"topic '{topic}' is read by more than one source; read it once and share the stream");
                    }
                }
            }
        }
    }

    /// <summary>Every user topic the topology reads (repartition topics are in <see cref="InternalTopics"/>).</summary>
    public IReadOnlyCollection<string> SourceTopics =>
        _sourcesByTopic.Where(source => !source.Value.Node.IsRepartition).Select(source => source.Key).ToList();

    /// <summary>Every fixed user topic the topology writes (topics chosen per record are not known in advance).</summary>
    public IReadOnlyCollection<string> SinkTopics =>
        _nodes.OfType<ISinkTopologyNode>().Select(sink => sink.FixedTopic).OfType<string>().Distinct().ToList();

    internal IReadOnlyList<Subtopology> Subtopologies { get; }

    /// <summary>The graph as text, in the layout of Kafka Streams' <c>TopologyDescription</c>.</summary>
    public TopologyDescription Describe() => TopologyDescription.Of(Subtopologies);

    /// <summary>
    /// The changelog and repartition topics the application needs. The runtime creates them where the cluster
    /// allows; elsewhere create them first, with the config given and as many partitions as
    /// <see cref="InternalTopic.PartitionsLike"/> has.
    /// </summary>
    public IReadOnlyList<InternalTopic> InternalTopics(string applicationId)
    {
        var changelogs = Subtopologies.SelectMany(subtopology => subtopology.Stores
            .Where(store => store.LoggingEnabled)
            .Select(store => new InternalTopic(ChangelogTopic(applicationId, store.Name), PartitionSource(subtopology, applicationId), store.ChangelogConfig)));
        var repartitions = _nodes.OfType<ISinkTopologyNode>()
            .Where(sink => sink.RepartitionTopic is not null)
            .Select(sink => new InternalTopic(
                ResolveInternal(applicationId, sink.RepartitionTopic!),
                PartitionSource(Subtopologies.Single(s => s.Nodes.Contains((TopologyNode)sink)), applicationId),
                new Dictionary<string, string>()));
        return changelogs.Concat(repartitions).ToList();
    }

    internal static string ChangelogTopic(string applicationId, string storeName) => $"{applicationId}-{storeName}-changelog";

    internal static string ResolveInternal(string applicationId, string topic) => $"{applicationId}-{topic}";

    /// <summary>The topics a consumer of this application subscribes to: user topics and its repartition topics.</summary>
    internal IReadOnlyList<string> SubscriptionTopics(string applicationId) =>
        _sourcesByTopic.Select(source => source.Value.Node.IsRepartition ? ResolveInternal(applicationId, source.Key) : source.Key).ToList();

    internal Subtopology SubtopologyOf(string topic, string applicationId) => Source(topic, applicationId).Subtopology;

    internal Dictionary<string, ISourceNode> InstantiateSources(Subtopology subtopology, TaskContext task)
    {
        var instances = new Dictionary<string, ISourceNode>();
        foreach (var (topic, (node, owner)) in _sourcesByTopic)
        {
            if (owner == subtopology)
            {
                var consumed = node.IsRepartition ? ResolveInternal(task.ApplicationId, topic) : topic;
                instances[consumed] = (ISourceNode)task.GetOrAddInstance((TopologyNode)node, () => node.Instantiate(task));
            }
        }

        return instances;
    }

    private (ISourceTopologyNode Node, Subtopology Subtopology) Source(string topic, string applicationId)
    {
        if (_sourcesByTopic.TryGetValue(topic, out var source))
        {
            return source;
        }

        var prefix = applicationId + "-";
        if (topic.StartsWith(prefix, StringComparison.Ordinal) && _sourcesByTopic.TryGetValue(topic[prefix.Length..], out source) && source.Node.IsRepartition)
        {
            return source;
        }

        throw new ArgumentException($"the topology does not read topic '{topic}'");
    }

    // Tasks of a sub-topology number its source partitions; its first source names how many there are.
    private string PartitionSource(Subtopology subtopology, string applicationId)
    {
        var (topic, (node, _)) = _sourcesByTopic.First(source => source.Value.Subtopology == subtopology);
        return node.IsRepartition ? ResolveInternal(applicationId, topic) : topic;
    }
}

/// <summary>A topic the runtime owns, partitioned like <paramref name="PartitionsLike"/>.</summary>
public sealed record InternalTopic(string Name, string PartitionsLike, IReadOnlyDictionary<string, string> Config);
