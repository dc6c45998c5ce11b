using JourneyMapper.LoadHarness.Services;
using JourneyMapper.Streams;

namespace JourneyMapper.LoadHarness.PassThrough;

/// <summary>The pass-through on a thread of the harness's own process.</summary>
public sealed class InProcessPipe : IBenchProcess
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<long> _run;

    public InProcessPipe(StreamsConfig config, string input, string output)
    {
        _run = Task.Factory.StartNew(
            () => PassThroughPipe.Run(config, input, output, () => _assigned.TrySetResult(), _stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Completes once the pipe's consumer has partitions; fails if the pipe stopped before.</summary>
    public async Task WaitUntilAssignedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(_assigned.Task, _run).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_assigned.Task.IsCompleted)
        {
            await _run.ConfigureAwait(false); // surfaces its failure
            throw new InvalidOperationException("The pass-through stopped before it had partitions.");
        }
    }

    public string Name => "pass-through";

    public bool SharesHarnessProcess => true;

    public int ProcessId => Environment.ProcessId;

    public ProcessUsage Usage() => ProcessUsage.Current();

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
