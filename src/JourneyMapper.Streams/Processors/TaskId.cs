namespace JourneyMapper.Streams.Processors;

/// <summary>A task: one partition of one sub-topology, written as Kafka Streams does (<c>0_3</c>).</summary>
public readonly record struct TaskId(int Subtopology, int Partition)
{
    public override string ToString() => $"{Subtopology}_{Partition}";
}
