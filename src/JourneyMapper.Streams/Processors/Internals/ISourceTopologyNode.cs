namespace JourneyMapper.Streams.Processors.Internals;

internal interface ISourceTopologyNode
{
    IReadOnlyList<string> Topics { get; }

    ISourceNode Instantiate(TaskContext task);
}

internal interface ISinkTopologyNode
{
    /// <summary>The topic when it is the same for every record, else null.</summary>
    string? FixedTopic { get; }
}
