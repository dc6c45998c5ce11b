using System.Text;
using JourneyMapper.Streams.Processors.Internals;

namespace JourneyMapper.Streams;

/// <summary>
/// A readable picture of a topology, grouped into sub-topologies (the connected parts of the graph),
/// as Kafka Streams prints it; logged at start-up so operators see what runs.
/// </summary>
public sealed class TopologyDescription
{
    private readonly string _text;

    private TopologyDescription(int subtopologies, string text)
    {
        SubtopologyCount = subtopologies;
        _text = text;
    }

    public int SubtopologyCount { get; }

    public override string ToString() => _text;

    internal static TopologyDescription Of(IReadOnlyList<TopologyNode> nodes)
    {
        var groups = ConnectedGroups(nodes);
        var text = new StringBuilder("Topologies:\n");
        for (var id = 0; id < groups.Count; id++)
        {
            text.Append("   Sub-topology: ").Append(id).Append('\n');
            foreach (var node in groups[id])
            {
                text.Append("    ").Append(node.Describe()).Append('\n');
                if (node.Children.Count > 0)
                {
                    text.Append("      --> ").AppendJoin(", ", node.Children.Select(child => child.Name)).Append('\n');
                }

                if (node.Parents.Count > 0)
                {
                    text.Append("      <-- ").AppendJoin(", ", node.Parents.Select(parent => parent.Name)).Append('\n');
                }
            }
        }

        return new TopologyDescription(groups.Count, text.ToString());
    }

    private static List<List<TopologyNode>> ConnectedGroups(IReadOnlyList<TopologyNode> nodes)
    {
        var order = nodes.Select((node, index) => (node, index)).ToDictionary(entry => entry.node, entry => entry.index);
        var groupOf = new Dictionary<TopologyNode, int>();
        var groups = new List<List<TopologyNode>>();
        foreach (var start in nodes)
        {
            if (groupOf.ContainsKey(start))
            {
                continue;
            }

            var group = new List<TopologyNode>();
            var pending = new Stack<TopologyNode>([start]);
            while (pending.TryPop(out var node))
            {
                if (groupOf.TryAdd(node, groups.Count))
                {
                    group.Add(node);
                    foreach (var next in node.Children.Concat(node.Parents))
                    {
                        pending.Push(next);
                    }
                }
            }

            // Creation order keeps the printout stable and reads top-down like the DSL code.
            group.Sort((a, b) => order[a].CompareTo(order[b]));
            groups.Add(group);
        }

        return groups;
    }
}
