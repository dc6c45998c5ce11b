using System.Globalization;
using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>Collects the nodes the DSL creates and names them as Kafka Streams does.</summary>
internal sealed class InternalTopologyBuilder
{
    private readonly List<TopologyNode> _nodes = [];
    private readonly HashSet<string> _names = [];
    private readonly Dictionary<string, IStoreBuilder> _stores = [];
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

    public void AddStateStore(IStoreBuilder store)
    {
        if (!_stores.TryAdd(store.Name, store))
        {
            throw new ArgumentException($"a state store is already named '{store.Name}'; store names must be unique");
        }
    }

    public Topology Build() => new(_nodes.ToList(), new Dictionary<string, IStoreBuilder>(_stores));
}
