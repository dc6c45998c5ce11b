using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Deterministic synthetic clickstream: many customers in concurrent sessions, delivered in arrival order
/// with bounded disorder and occasional duplicates. Every enumeration starts afresh from the seed, so the
/// same options always yield the same records and one generator can be enumerated from several threads.
/// </summary>
public sealed class ClickstreamGenerator
{
    public ClickstreamGenerator(ClickstreamGeneratorOptions? options = null)
    {
        Options = options ?? new ClickstreamGeneratorOptions();
        Options.Validate();
    }

    public ClickstreamGeneratorOptions Options { get; }

    /// <summary>Endless events in arrival order, duplicates included.</summary>
    public IEnumerable<ClickEvent> Stream()
    {
        foreach (var arrival in StreamArrivals())
        {
            yield return arrival.Event;
        }
    }

    /// <summary>The first <paramref name="count"/> events of <see cref="Stream"/>.</summary>
    public IEnumerable<ClickEvent> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Stream().Take(count);
    }

    /// <summary>Endless events in arrival order with their simulated arrival time and a duplicate flag.</summary>
    public IEnumerable<ClickArrival> StreamArrivals() =>
        ArrivalSimulation.Run(EventTimeSimulation.Run(Options), Options);

    /// <summary>
    /// Endless records before encoding: the events of <see cref="Stream"/>, each as its valid record, with malformed
    /// records inserted at InvalidRate just before the valid record of the event each is made from.
    /// </summary>
    public IEnumerable<GeneratedRecord> StreamRecords() => MalformedRecordInjector.Run(Stream(), Options);

    /// <summary>
    /// Endless Kafka-ready records keyed by customer id: the records of <see cref="StreamRecords"/> in JSON
    /// (<see cref="JsonClickRecords"/>), malformed ones included.
    /// </summary>
    public IEnumerable<RawClickRecord> StreamRaw() => StreamRecords().Select(JsonClickRecords.Encode);

    /// <summary>The first <paramref name="count"/> records of <see cref="StreamRaw"/>, malformed ones included.</summary>
    public IEnumerable<RawClickRecord> GenerateRaw(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return StreamRaw().Take(count);
    }
}
