using Microsoft.Extensions.Hosting;

namespace JourneyMapper.LoadHarness.Services;

/// <summary>A Generic Host run on the harness's own threads: the cheapest way to run it, but it shares the CPU figures.</summary>
public sealed class InProcessHost(string name, IHost host) : IBenchProcess
{
    private bool _stopped;

    public string Name { get; } = name;

    public bool SharesHarnessProcess => true;

    public int ProcessId => Environment.ProcessId;

    public static async Task<InProcessHost> StartAsync(string name, IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new InProcessHost(name, host);
    }

    public ProcessUsage Usage() => ProcessUsage.Current();

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await host.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}
