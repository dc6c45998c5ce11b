using JourneyMapper.LoadHarness.Metrics;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>What a phase measures: the pass-through or the service, one process or several.</summary>
public interface ISystemUnderTest
{
    string Name { get; }

    /// <summary>What its processes are, for telling their threads apart (<see cref="ThreadGroups"/>).</summary>
    ProcessRole Role { get; }

    /// <summary>The topic it reads, which the generator feeds.</summary>
    string InputTopic { get; }

    /// <summary>Records taken from the input so far, per instance.</summary>
    Task<IReadOnlyList<long>> ProcessedAsync(CancellationToken cancellationToken);

    /// <summary>Each instance's metrics, or nothing when it has no metrics endpoint.</summary>
    Task<IReadOnlyList<PrometheusScrape>> ScrapeAsync(CancellationToken cancellationToken);

    IReadOnlyList<Services.IBenchProcess> Processes { get; }
}
