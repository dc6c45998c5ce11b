using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Stream.Internals;

internal sealed class SessionWindowedKStream<TKey, TValue>(
    InternalTopologyBuilder builder,
    TopologyNode parent,
    Serde<TKey>? keySerde,
    Serde<TValue>? valueSerde,
    SessionWindows windows,
    EmitStrategy emitStrategy) : ISessionWindowedKStream<TKey, TValue>
{
    private TopologyNode? _aggregate;

    public ISessionWindowedKStream<TKey, TValue> EmitStrategy(EmitStrategy strategy) =>
        new SessionWindowedKStream<TKey, TValue>(builder, parent, keySerde, valueSerde, windows, strategy);

    public IKTable<Windowed<TKey>, TAggregate> Aggregate<TAggregate>(
        Func<TAggregate> initializer,
        Func<TKey, TValue, TAggregate, TAggregate> aggregator,
        Func<TKey, TAggregate, TAggregate, TAggregate> merger,
        Materialized<TKey, TAggregate>? materialized = null,
        string? named = null)
    {
        if (_aggregate is not null)
        {
            throw new InvalidOperationException("this windowed stream is already aggregated; window the grouped stream again for a second aggregation");
        }

        materialized ??= new Materialized<TKey, TAggregate>();
        var name = builder.NewName("KSTREAM-AGGREGATE-", named);
        var storeName = materialized.StoreName ?? builder.NewName("KSTREAM-AGGREGATE-STATE-STORE-", null);
        var store = Stores.InMemorySessionStore(
            storeName,
            materialized.Retention ?? windows.InactivityGap + windows.GracePeriod,
            materialized.KeySerde ?? keySerde ?? MissingSerde<TKey>(storeName, materialized.LoggingEnabled, "key"),
            materialized.ValueSerde ?? MissingSerde<TAggregate>(storeName, materialized.LoggingEnabled, "value"));
        builder.AddStateStore(materialized.LoggingEnabled ? store : store.WithLoggingDisabled());
        var node = new SessionWindowAggregateNode<TKey, TValue, TAggregate>(
            name, windows, emitStrategy, initializer, aggregator, merger, storeName);
        _aggregate = builder.Add(node, parent);
        return new KTable<Windowed<TKey>, TAggregate>(builder, node, storeName);
    }

    public IKTable<Windowed<TKey>, long> Count(Materialized<TKey, long>? materialized = null, string? named = null) =>
        Aggregate(
            static () => 0L,
            static (_, _, count) => count + 1,
            static (_, left, right) => left + right,
            (materialized ?? new Materialized<TKey, long>()) is { ValueSerde: null } m ? m.WithValueSerde(Serdes.Int64) : materialized,
            named);

    public IKStream<TKey, TValue> LateRecords()
    {
        var aggregate = _aggregate
            ?? throw new InvalidOperationException("define the aggregation first: late records are the ones it turns away");
        var late = new ProcessorTopologyNode<TKey, TValue, TKey, TValue>(
            builder.NewName("KSTREAM-LATE-RECORDS-", null),
            () => new StatelessProcessor<TKey, TValue, TKey, TValue>((record, context) => context.Forward(record)),
            []);
        builder.Add(late);
        aggregate.AddSideChild(late);
        return new KStream<TKey, TValue>(builder, late, keySerde, valueSerde);
    }

    // Without logging a store never serializes, so a serde is only required for the changelog.
    private static Serde<T> MissingSerde<T>(string storeName, bool logging, string part) => logging
        ? throw new InvalidOperationException(
            $"store '{storeName}' needs a {part} serde for its changelog: give one with Materialized.With{(part == "key" ? "Key" : "Value")}Serde(...) or Grouped.With(...)")
        : new Serde<T>(null!, null!);
}
