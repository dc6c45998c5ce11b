using System.Globalization;
using JourneyMapper.Streams.Processors.Internals;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>Collects the nodes the DSL creates and names them as Kafka Streams does.</summary>
internal sealed class InternalTopologyBuilder
{
    private readonly List<TopologyNode> _nodes = [];
    private readonly HashSet<string> _names = [];
    private int _index;

    public string NewName(string prefix, string? requested)
    {
        var name = requested ?? prefix + _index.ToString("D10", CultureInfo.InvariantCulture);
        _index++;
        if (!_names.Add(name))
        {
            throw new ArgumentException($"a topology node is already named '{name}'; names must be unique");
        }

        return name;
    }

    public TNode Add<TNode>(TNode node, params TopologyNode[] parents)
        where TNode : TopologyNode
    {
        _nodes.Add(node);
        foreach (var parent in parents)
        {
            parent.AddChild(node);
        }

        return node;
    }

    public Topology Build() => new(_nodes.ToList());
}
