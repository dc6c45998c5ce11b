using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// 1,000,000 pre-serialized events for 100,000 keys through a session-window aggregate; times are per event.
/// The baseline does the same I/O without the runtime: deserialize key and value, count per key in a dictionary.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class SessionWindowBenchmarks
{
    private Workload _input = null!;

    [GlobalSetup]
    public void Setup() => _input = Workload.Create();

    [Benchmark(Baseline = true, OperationsPerInvoke = Workload.Events)]
    public int DictionaryBaseline()
    {
        var counts = new Dictionary<string, long>();
        var (keys, values) = (_input.KeyBytes, _input.ValueBytes);
        for (var i = 0; i < keys.Length; i++)
        {
            var key = Deserializers.Utf8.Deserialize(keys[i], false, new SerializationContext(MessageComponentType.Key, Workload.Topic));
            var value = Deserializers.Int64.Deserialize(values[i], false, new SerializationContext(MessageComponentType.Value, Workload.Topic));
            CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += value > 0 ? 1 : 0;
        }

        return counts.Count;
    }

    /// <summary>The runtime's per-record plumbing alone: driver, source deserialization, one no-op processor.</summary>
    [Benchmark(OperationsPerInvoke = Workload.Events)]
    public long SourceOnly()
    {
        var seen = 0L;
        var builder = new StreamBuilder();
        builder.Stream(Workload.Topic, Consumed.With(Serdes.String, Serdes.Int64)).Peek((_, _) => seen++);
        using var driver = new TopologyTestDriver(builder.Build()) { CommitEveryRecord = false };
        var (keys, values, timestamps) = (_input.KeyBytes, _input.ValueBytes, _input.Timestamps);
        for (var i = 0; i < keys.Length; i++)
        {
            driver.PipeRaw(Workload.Topic, keys[i], values[i], timestamps[i]);
        }

        return seen;
    }

    [Benchmark(OperationsPerInvoke = Workload.Events)]
    public long CountLogged() => Run(Aggregation.Count, logging: true);

    [Benchmark(OperationsPerInvoke = Workload.Events)]
    public long CountUnlogged() => Run(Aggregation.Count, logging: false);

    [Benchmark(OperationsPerInvoke = Workload.Events)]
    public long SumLogged() => Run(Aggregation.Sum, logging: true);

    private long Run(Aggregation aggregation, bool logging)
    {
        using var pipeline = new SessionPipeline(aggregation, logging);
        pipeline.Run(_input);
        return pipeline.OpenSessions + pipeline.Emitted;
    }
}
