using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Dev;

namespace JourneyMapper.LoadHarness.Load;

/// <summary>
/// The offered load: the synthetic clickstream (funnels, 1 % re-sent duplicates, arrival up to 30 s late) of
/// <see cref="BenchSettings.Customers"/> customers, in the service's format, sent at the target rate or flat out by
/// the generator's producer, rising to the rate over the first half of the warm-up. Every phase gets the same records
/// from the same seed. Event time starts a day back and runs faster than the wall clock, so sessions open and close
/// throughout the run. For paced phases the records are rendered once, before any phase (<see cref="RenderedClickstream"/>),
/// so that the window holds only what a producer elsewhere would cost this machine: its client and the brokers.
/// </summary>
public sealed class LoadGenerator
{
    // The generator stands in for producers that would run elsewhere; batching as the service's own producer does
    // (linger 20 ms) keeps what it takes of the shared cores, and of the brokers', down. No latency is measured from it.
    private static readonly KeyValuePair<string, string>[] GeneratorProducerConfig = [new("linger.ms", "20")];

    // Sampling ends a phase a little after its window: records for these seconds more than the schedule asks for.
    private static readonly TimeSpan RenderedSlack = TimeSpan.FromSeconds(5);

    private readonly BenchEnvironment _environment;

    private LoadGenerator(BenchEnvironment environment, RenderedClickstream? rendered)
    {
        _environment = environment;
        Rendered = rendered;
    }

    /// <summary>Records rendered ahead for the paced phases; none where every phase runs flat out.</summary>
    public RenderedClickstream? Rendered { get; }

    /// <summary>
    /// A generator for a run whose phases are offered <paramref name="rates"/> events/s (0: flat out), each for the
    /// settings' warm-up and window: enough records for the fastest paced phase are rendered now.
    /// </summary>
    public static LoadGenerator Prepare(BenchEnvironment environment, params double[] rates)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = environment.Settings;
        var fastest = rates.Max();
        var rendered = fastest > 0 ? RenderedClickstream.Render(Generate(environment), RecordsDue(settings, fastest)) : null;
        return new LoadGenerator(environment, rendered);
    }

    /// <summary>
    /// The records a phase at <paramref name="rate"/> sends: over the ramp (half the warm-up) half as many as at the
    /// rate, then the rate through the rest of the warm-up, the window and <see cref="RenderedSlack"/>.
    /// </summary>
    public static long RecordsDue(BenchSettings settings, double rate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var seconds = (settings.Warmup - (settings.Warmup / 4) + settings.Duration + RenderedSlack).TotalSeconds;
        return (long)Math.Ceiling(rate * seconds);
    }

    /// <summary>Sends to <paramref name="topic"/> at <paramref name="rate"/> events/s (0: flat out) until <paramref name="cancellationToken"/> fires, then flushes.</summary>
    public async Task<ProducedCounts> RunAsync(string topic, double rate, CancellationToken cancellationToken)
    {
        var settings = _environment.Settings;
        var rendered = rate > 0 ? Rendered : null;
        var records = rendered?.Records() ?? Generate(_environment);

        // Half the warm-up rising to the rate, half at it before the window opens: a consumer whose code is still cold
        // would otherwise fall behind by more than the mock cluster keeps in the first seconds, and never catch up.
        // What reached the input is read from its offsets, so the client reports no deliveries: a report per record took a
        // third of its CPU, on the cores the measured system shares.
        var producer = new ClickstreamProducer(_environment.Cluster.BootstrapServers, topic, GeneratorProducerConfig)
        {
            RampUp = settings.Warmup / 2,
            TallyDeliveries = false,
        };
        var counts = await producer.RunAsync(records, rate, maxRecords: null, cancellationToken).ConfigureAwait(false);
        if (rendered is not null && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"The {rendered.Count:N0} records rendered for the run ran out after {counts.Elapsed.TotalSeconds:F0} s, before the phase ended.");
        }

        return counts;
    }

    private static IEnumerable<RawClickRecord> Generate(BenchEnvironment environment)
    {
        var settings = environment.Settings;
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions
        {
            Seed = settings.Seed,
            Customers = settings.Customers,
            Products = 20_000,
            StartTime = DateTimeOffset.UtcNow.AddDays(-1),
        });
        return settings.Format == SerializationFormat.Avro
            ? AvroClickRecords.Encode(generator.StreamRecords(), environment.ClickEventSerializer, environment.InputTopic)
            : generator.StreamRaw();
    }
}
