namespace JourneyMapper.Streams.Processors.Internals;

internal sealed class ProcessorTopologyNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    string name,
    Func<IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>> supplier,
    IReadOnlyList<string> storeNames) : TopologyNode<TKeyIn, TValueIn>(name), IStoreUser
{
    public IReadOnlyList<string> StoreNames { get; } = storeNames;

    public override string Describe() => $"Processor: {Name} (stores: [{string.Join(", ", StoreNames)}])";

    protected override IProcessorNode<TKeyIn, TValueIn> Instantiate(TaskContext task)
    {
        var context = new ProcessorContext<TKeyOut, TValueOut>(task, Name, StoreNames, InstantiateChildren<TKeyOut, TValueOut>(task));
        var processor = supplier();
        processor.Init(context);
        return new ProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(processor);
    }
}
