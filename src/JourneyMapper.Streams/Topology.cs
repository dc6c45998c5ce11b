using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.Streams;

/// <summary>
/// The processing graph a <see cref="StreamBuilder"/> built: sources, processors and sinks. Immutable once
/// built; every task instantiates its own copy of the processors.
/// </summary>
public sealed class Topology
{
    private readonly IReadOnlyList<TopologyNode> _nodes;
    private readonly Dictionary<string, ISourceTopologyNode> _sourcesByTopic;

    internal Topology(IReadOnlyList<TopologyNode> nodes)
    {
        _nodes = nodes;
        _sourcesByTopic = [];
        foreach (var source in nodes.OfType<ISourceTopologyNode>())
        {
            foreach (var topic in source.Topics)
            {
                if (!_sourcesByTopic.TryAdd(topic, source))
                {
                    throw new ArgumentException($"topic '{topic}' is read by more than one source; read it once and share the stream");
                }
            }
        }
    }

    /// <summary>Every topic the topology reads.</summary>
    public IReadOnlyCollection<string> SourceTopics => _sourcesByTopic.Keys;

    /// <summary>Every fixed topic the topology writes (topics chosen per record are not known in advance).</summary>
    public IReadOnlyCollection<string> SinkTopics =>
        _nodes.OfType<ISinkTopologyNode>().Select(sink => sink.FixedTopic).OfType<string>().Distinct().ToList();

    /// <summary>The graph as text, in the layout of Kafka Streams' <c>TopologyDescription</c>.</summary>
    public TopologyDescription Describe() => TopologyDescription.Of(_nodes);

    internal Dictionary<string, ISourceNode> InstantiateSources(TaskContext task)
    {
        var instances = new Dictionary<string, ISourceNode>();
        foreach (var (topic, node) in _sourcesByTopic)
        {
            instances[topic] = (ISourceNode)task.GetOrAddInstance((TopologyNode)node, () => node.Instantiate(task));
        }

        return instances;
    }
}
