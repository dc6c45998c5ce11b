namespace JourneyMapper.Streams.Processors.Internals;

internal sealed class ProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut> processor)
    : IProcessorNode<TKeyIn, TValueIn>
{
    public void Process(Record<TKeyIn, TValueIn> record) => processor.Process(record);

    public void Close() => processor.Close();
}
