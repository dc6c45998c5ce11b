using JourneyMapper.Streams.Processors;

namespace JourneyMapper.Streams.Stream.Internals;

/// <summary>One DSL step that keeps no state: a function of the record and the context to forward to.</summary>
internal sealed class StatelessProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    Action<Record<TKeyIn, TValueIn>, IProcessorContext<TKeyOut, TValueOut>> step)
    : IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>
{
    private IProcessorContext<TKeyOut, TValueOut>? _context;

    public void Init(IProcessorContext<TKeyOut, TValueOut> context) => _context = context;

    public void Process(Record<TKeyIn, TValueIn> record) => step(record, _context!);
}
