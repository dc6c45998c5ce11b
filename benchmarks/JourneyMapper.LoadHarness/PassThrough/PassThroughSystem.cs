using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Metrics;
using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.PassThrough;

/// <summary>The pass-through as a phase measures it: what it has copied is what its output topic holds.</summary>
public sealed class PassThroughSystem(IBenchProcess process, TopicOffsets offsets) : ISystemUnderTest, IAsyncDisposable
{
    public string Name => "pass-through";

    public ProcessRole Role => ProcessRole.PassThrough;

    public string InputTopic => BenchEnvironment.PassThroughInput;

    public IReadOnlyList<IBenchProcess> Processes { get; } = [process];

    public static PassThroughSystem Start(BenchEnvironment environment, TopicOffsets offsets)
    {
        ArgumentNullException.ThrowIfNull(environment);
        IBenchProcess process = environment.Settings.Hosting == ServiceHosting.InProcess
            ? new InProcessPipe(environment.StreamsConfig, BenchEnvironment.PassThroughInput, BenchEnvironment.PassThroughOutput)
            : ChildProcess.Start(
                "pass-through",
                "JourneyMapper.LoadHarness.dll",
                [
                    PassThroughCommand.Name, "--input", BenchEnvironment.PassThroughInput, "--output", BenchEnvironment.PassThroughOutput,
                    .. ChildProcess.ConfigurationArguments(environment.ServiceConfiguration(BenchEnvironment.FreePort())),
                ],
                environment.Settings.LogDirectory);
        return new PassThroughSystem(process, offsets);
    }

    public Task<IReadOnlyList<long>> ProcessedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([offsets.Written(BenchEnvironment.PassThroughOutput)]);

    public Task<IReadOnlyList<PrometheusScrape>> ScrapeAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PrometheusScrape>>([]);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
