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

    internal static TopologyDescription Of(IReadOnlyList<Subtopology> subtopologies)
    {
        var text = new StringBuilder("Topologies:\n");
        foreach (var subtopology in subtopologies)
        {
            text.Append("   Sub-topology: ").Append(subtopology.Id).Append('\n');
            foreach (var node in subtopology.Nodes)
            {
                text.Append("    ").Append(node.Describe()).Append('\n');
                if (node.Successors.Any())
                {
                    text.Append("      --> ").AppendJoin(", ", node.Successors.Select(child => child.Name)).Append('\n');
                }

                if (node.Parents.Count > 0)
                {
                    text.Append("      <-- ").AppendJoin(", ", node.Parents.Select(parent => parent.Name)).Append('\n');
                }
            }
        }

        return new TopologyDescription(subtopologies.Count, text.ToString());
    }
}
