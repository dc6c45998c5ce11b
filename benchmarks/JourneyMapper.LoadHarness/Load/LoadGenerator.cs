using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Dev;

namespace JourneyMapper.LoadHarness.Load;

/// <summary>
/// The offered load: the synthetic clickstream (funnels, 1 % re-sent duplicates, arrival up to 30 s late) of
/// <see cref="BenchSettings.Customers"/> customers, in the service's format, sent at the target rate or flat out by
/// the generator's producer, rising to the rate over the first half of the warm-up. Every phase gets the same records
/// from the same seed. Event time starts a day back and runs faster than the wall clock, so sessions open and close
/// throughout the run.
/// </summary>
public sealed class LoadGenerator(BenchEnvironment environment)
{
    // The generator stands in for producers that would run elsewhere; batching as the service's own producer does
    // (linger 20 ms) keeps what it takes of the shared cores, and of the brokers', down. No latency is measured from it.
    private static readonly KeyValuePair<string, string>[] GeneratorProducerConfig = [new("linger.ms", "20")];

    /// <summary>Sends to <paramref name="topic"/> at <paramref name="rate"/> events/s (0: flat out) until <paramref name="cancellationToken"/> fires, then flushes.</summary>
    public Task<ProducedCounts> RunAsync(string topic, double rate, CancellationToken cancellationToken)
    {
        var settings = environment.Settings;
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions
        {
            Seed = settings.Seed,
            Customers = settings.Customers,
            Products = 20_000,
            StartTime = DateTimeOffset.UtcNow.AddDays(-1),
        });
        var records = settings.Format == SerializationFormat.Avro
            ? AvroClickRecords.Encode(generator.StreamRecords(), environment.ClickEventSerializer, environment.InputTopic)
            : generator.StreamRaw();

        // Half the warm-up rising to the rate, half at it before the window opens: a consumer whose code is still cold
        // would otherwise fall behind by more than the mock cluster keeps in the first seconds, and never catch up.
        var producer = new ClickstreamProducer(environment.Cluster.BootstrapServers, topic, GeneratorProducerConfig) { RampUp = settings.Warmup / 2 };
        return producer.RunAsync(records, rate, maxRecords: null, cancellationToken);
    }
}
