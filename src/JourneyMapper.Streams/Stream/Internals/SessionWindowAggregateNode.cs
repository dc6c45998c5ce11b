using JourneyMapper.Streams.Processors.Internals;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>The topology node of a session-window aggregation; its side children receive the late records.</summary>
internal sealed class SessionWindowAggregateNode<TKey, TValue, TAggregate>(
    string name,
    SessionWindows windows,
    EmitStrategy emitStrategy,
    Func<TAggregate> initializer,
    Func<TKey, TValue, TAggregate, TAggregate> aggregator,
    Func<TKey, TAggregate, TAggregate, TAggregate> merger,
    string storeName) : TopologyNode<TKey, TValue>(name), IStoreUser
{
    public IReadOnlyList<string> StoreNames { get; } = [storeName];

    public override string Describe() => $"Processor: {Name} (stores: [{storeName}])";

    protected override IProcessorNode<TKey, TValue> Instantiate(TaskContext task)
    {
        var late = new ProcessorContext<TKey, TValue>(task, Name, StoreNames, Instantiate<TKey, TValue>(SideChildren, task));
        var context = new ProcessorContext<Windowed<TKey>, TAggregate>(task, Name, StoreNames, InstantiateChildren<Windowed<TKey>, TAggregate>(task));
        var processor = new SessionWindowAggregateProcessor<TKey, TValue, TAggregate>(
            Name, windows, emitStrategy, initializer, aggregator, merger, storeName, task.Metrics, late);
        processor.Init(context);
        return new ProcessorNode<TKey, TValue, Windowed<TKey>, TAggregate>(processor);
    }
}
