namespace JourneyMapper.Streams.Processors;

/// <summary>
/// A step of the Processor API. One instance per task: it may keep per-task state between records.
/// </summary>
public interface IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>
{
    void Init(IProcessorContext<TKeyOut, TValueOut> context)
    {
    }

    void Process(Record<TKeyIn, TValueIn> record);

    void Close()
    {
    }
}
