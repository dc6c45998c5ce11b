using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams;

/// <summary>
/// The processing graph a <see cref="StreamBuilder"/> built: sources, processors, sinks and state stores,
/// grouped into sub-topologies. Immutable once built; every task instantiates its own processors and stores.
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

    /// <summary>Every topic the topology reads.</summary>
    public IReadOnlyCollection<string> SourceTopics => _sourcesByTopic.Keys;

    /// <summary>Every fixed topic the topology writes (topics chosen per record are not known in advance).</summary>
    public IReadOnlyCollection<string> SinkTopics =>
        _nodes.OfType<ISinkTopologyNode>().Select(sink => sink.FixedTopic).OfType<string>().Distinct().ToList();

    internal IReadOnlyList<Subtopology> Subtopologies { get; }

    /// <summary>The graph as text, in the layout of Kafka Streams' <c>TopologyDescription</c>.</summary>
    public TopologyDescription Describe() => TopologyDescription.Of(Subtopologies);

    /// <summary>
    /// The changelog topics the application needs: on a cluster where the runtime cannot create topics,
    /// create these first, compacted, with as many partitions as <see cref="InternalTopic.PartitionsLike"/>.
    /// </summary>
    public IReadOnlyList<InternalTopic> InternalTopics(string applicationId) =>
        Subtopologies.SelectMany(subtopology => subtopology.Stores
                .Where(store => store.LoggingEnabled)
                .Select(store => new InternalTopic(ChangelogTopic(applicationId, store.Name), subtopology.SourceTopics[0], store.ChangelogConfig)))
            .ToList();

    internal static string ChangelogTopic(string applicationId, string storeName) => $"{applicationId}-{storeName}-changelog";

    internal Subtopology SubtopologyOf(string topic) =>
        _sourcesByTopic.TryGetValue(topic, out var source) ? source.Subtopology : throw new ArgumentException($"the topology does not read topic '{topic}'");

    internal Dictionary<string, ISourceNode> InstantiateSources(Subtopology subtopology, TaskContext task)
    {
        var instances = new Dictionary<string, ISourceNode>();
        foreach (var (topic, (node, owner)) in _sourcesByTopic)
        {
            if (owner == subtopology)
            {
                instances[topic] = (ISourceNode)task.GetOrAddInstance((TopologyNode)node, () => node.Instantiate(task));
            }
        }

        return instances;
    }
}

/// <summary>A topic the runtime owns: a store's changelog, partitioned like <paramref name="PartitionsLike"/>.</summary>
public sealed record InternalTopic(string Name, string PartitionsLike, IReadOnlyDictionary<string, string> Config);
