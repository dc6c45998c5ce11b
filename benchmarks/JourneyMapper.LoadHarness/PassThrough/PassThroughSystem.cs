using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Metrics;
using JourneyMapper.LoadHarness.Services;

namespace JourneyMapper.LoadHarness.PassThrough;

/// <summary>The pass-through as a phase measures it: what it has copied is what its output topic holds.</summary>
public sealed class PassThroughSystem(IBenchProcess process, TopicOffsets offsets) : ISystemUnderTest, IAsyncDisposable
{
    private static readonly TimeSpan AssignTimeout = TimeSpan.FromMinutes(2);

    public string Name => "pass-through";

    public ProcessRole Role => ProcessRole.PassThrough;

    public string InputTopic => BenchEnvironment.PassThroughInput;

    public IReadOnlyList<IBenchProcess> Processes { get; } = [process];

    /// <summary>Starts the pass-through and waits until its consumer has partitions, so that no load is offered before.</summary>
    public static async Task<PassThroughSystem> StartAsync(BenchEnvironment environment, TopicOffsets offsets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AssignTimeout);
        if (environment.Settings.Hosting == ServiceHosting.InProcess)
        {
            var pipe = new InProcessPipe(environment.StreamsConfig, BenchEnvironment.PassThroughInput, BenchEnvironment.PassThroughOutput);
            var system = new PassThroughSystem(pipe, offsets);
            await Ready(system, pipe.WaitUntilAssignedAsync(timeout.Token)).ConfigureAwait(false);
            return system;
        }

        var child = ChildProcess.Start(
            "pass-through",
            "JourneyMapper.LoadHarness.dll",
            [
                PassThroughCommand.Name, "--input", BenchEnvironment.PassThroughInput, "--output", BenchEnvironment.PassThroughOutput,
                .. ChildProcess.ConfigurationArguments(environment.ServiceConfiguration(BenchEnvironment.FreePort())),
            ],
            environment.Settings.LogDirectory,
            announcement: PassThroughCommand.AssignedLine);
        var started = new PassThroughSystem(child, offsets);
        await Ready(started, child.WaitForAnnouncementAsync(timeout.Token)).ConfigureAwait(false);
        return started;
    }

    private static async Task Ready(PassThroughSystem system, Task assigned)
    {
        try
        {
            await assigned.ConfigureAwait(false);
        }
        catch
        {
            await system.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<IReadOnlyList<long>> ProcessedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([offsets.Written(BenchEnvironment.PassThroughOutput)]);

    public Task<IReadOnlyList<PrometheusScrape>> ScrapeAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PrometheusScrape>>([]);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
