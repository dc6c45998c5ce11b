namespace JourneyMapper.Streams.Processors.Internals;

/// <summary>A node of a task's instantiated graph.</summary>
internal interface IProcessorNode
{
    void Close();
}

/// <summary>A node that accepts records of one key and value type.</summary>
internal interface IProcessorNode<TKey, TValue> : IProcessorNode
{
    void Process(Record<TKey, TValue> record);
}
