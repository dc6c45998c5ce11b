using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Processors.Internals;

/// <summary>
/// A connected part of the topology: nodes joined by edges or by a shared store. Each one runs as its own
/// tasks, one per partition of its source topics.
/// </summary>
internal sealed record Subtopology(int Id, IReadOnlyList<TopologyNode> Nodes, IReadOnlyList<IStoreBuilder> Stores)
{
    /// <summary>Splits the nodes into sub-topologies, numbered in the order their first node was added.</summary>
    public static IReadOnlyList<Subtopology> Group(IReadOnlyList<TopologyNode> nodes, IReadOnlyDictionary<string, IStoreBuilder> stores)
    {
        var order = nodes.Select((node, index) => (node, index)).ToDictionary(entry => entry.node, entry => entry.index);
        var storeUsers = nodes.OfType<IStoreUser>()
            .SelectMany(user => user.StoreNames.Select(store => (store, node: (TopologyNode)user)))
            .ToLookup(entry => entry.store, entry => entry.node);
        var assigned = new HashSet<TopologyNode>();
        var result = new List<Subtopology>();
        foreach (var start in nodes)
        {
            if (assigned.Contains(start))
            {
                continue;
            }

            var group = new List<TopologyNode>();
            var pending = new Stack<TopologyNode>([start]);
            while (pending.TryPop(out var node))
            {
                if (!assigned.Add(node))
                {
                    continue;
                }

                group.Add(node);
                var sharingAStore = node is IStoreUser user ? user.StoreNames.SelectMany(store => storeUsers[store]) : [];
                foreach (var next in node.Successors.Concat(node.Parents).Concat(sharingAStore))
                {
                    pending.Push(next);
                }
            }

            group.Sort((a, b) => order[a].CompareTo(order[b]));
            var storeNames = group.OfType<IStoreUser>().SelectMany(user => user.StoreNames).Distinct().ToList();
            result.Add(new Subtopology(
                result.Count,
                group,
                storeNames.Select(name => stores.TryGetValue(name, out var builder)
                    ? builder
                    : throw new InvalidOperationException($"no state store named '{name}' was added to the topology")).ToList()));
        }

        return result;
    }
}

/// <summary>A node that reads or writes state stores.</summary>
internal interface IStoreUser
{
    IReadOnlyList<string> StoreNames { get; }
}
