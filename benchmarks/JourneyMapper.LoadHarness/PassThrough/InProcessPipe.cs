using JourneyMapper.LoadHarness.Services;
using JourneyMapper.Streams;

namespace JourneyMapper.LoadHarness.PassThrough;

/// <summary>The pass-through on a thread of the harness's own process.</summary>
public sealed class InProcessPipe : IBenchProcess
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _run;

    public InProcessPipe(StreamsConfig config, string input, string output)
    {
        _run = Task.Factory.StartNew(
            () => PassThroughPipe.Run(config, input, output, _stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
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
