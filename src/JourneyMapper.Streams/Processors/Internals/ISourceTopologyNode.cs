namespace JourneyMapper.Streams.Processors.Internals;

internal interface ISourceTopologyNode
{
    IReadOnlyList<string> Topics { get; }

    bool IsRepartition { get; }

    ISourceNode Instantiate(TaskContext task);
}

internal interface ISinkTopologyNode
{
    /// <summary>The topic when it is the same for every record, else null.</summary>
    string? FixedTopic { get; }

    /// <summary>The repartition topic (without the application id) the sink writes, else null.</summary>
    string? RepartitionTopic { get; }
}
