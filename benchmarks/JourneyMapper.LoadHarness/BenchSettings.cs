using JourneyMapper.Worker.Configuration;

namespace JourneyMapper.LoadHarness;

/// <summary>Where the service runs: threads of the harness's own process, or processes of its own (as deployed).</summary>
public enum ServiceHosting
{
    InProcess,
    ChildProcess,
}

/// <summary>One run of the load harness, as the command line gave it.</summary>
public sealed record BenchSettings
{
    /// <summary>Events per second the generator offers; 0 sends flat out.</summary>
    public double Rate { get; init; }

    /// <summary>
    /// Events per second offered to the service phase, where it differs from <see cref="Rate"/>: the pass-through flat
    /// out and the service at a rate it keeps up with give both limits in one run. Flat out, a service slower than the
    /// generator falls behind until its lag outgrows the mock's retention, and the rate measured then understates it.
    /// </summary>
    public double? ServiceRate { get; init; }

    public double ServicePhaseRate => ServiceRate ?? Rate;

    /// <summary>The measured window, after <see cref="Warmup"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Load before the window opens: the JIT's tiers settle and the sessions fill up.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public int Brokers { get; init; } = 3;

    /// <summary>Partitions of the input topic, and so of every internal topic and task.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>Service instances in one consumer group (scale-out).</summary>
    public int Instances { get; init; } = 1;

    public ServiceHosting Hosting { get; init; } = ServiceHosting.ChildProcess;

    public SerializationFormat Format { get; init; } = SerializationFormat.Avro;

    /// <summary>Synthetic customers, as many as the journey benchmark's: more customers keep more sessions open at once.</summary>
    public int Customers { get; init; } = 200_000;

    public int Seed { get; init; } = 42;

    /// <summary>Whether to run the raw consume-produce pass-through first, for the ratio.</summary>
    public bool PassThrough { get; init; } = true;

    /// <summary>Where the JSON report goes; null writes none.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Where the child processes' logs go.</summary>
    public string LogDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "journeymapper-bench");

    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);
}
