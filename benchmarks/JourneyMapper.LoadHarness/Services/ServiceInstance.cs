namespace JourneyMapper.LoadHarness.Services;

/// <summary>A running service instance and its health and metrics endpoints.</summary>
public sealed class ServiceInstance(IBenchProcess process, int port) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(200);

    public IBenchProcess Process { get; } = process;

    public string Name => Process.Name;

    public Uri MetricsUri { get; } = new($"http://127.0.0.1:{port}/metrics");

    public Uri ReadyUri { get; } = new($"http://127.0.0.1:{port}/health/ready");

    /// <summary>
    /// Starts an instance with the environment's configuration and its own endpoints port: a child process running the
    /// worker, or a host on the harness's threads. It returns as soon as the instance runs, before it is ready.
    /// </summary>
    public static async Task<ServiceInstance> StartAsync(BenchEnvironment environment, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var port = BenchEnvironment.FreePort();
        var configuration = environment.ServiceConfiguration(port);
        IBenchProcess process = environment.Settings.Hosting == ServiceHosting.InProcess
            ? await InProcessHost.StartAsync(name, BenchEnvironment.BuildHost(configuration), cancellationToken).ConfigureAwait(false)
            : ChildProcess.Start(name, "JourneyMapper.Worker.dll", ChildProcess.ConfigurationArguments(configuration), environment.Settings.LogDirectory);
        return new ServiceInstance(process, port);
    }

    /// <summary>One look at <c>/health/ready</c>: partitions assigned and state restored. False while it does not answer yet.</summary>
    public async Task<bool> IsReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await http.GetAsync(ReadyUri, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // the request timed out
        }
    }

    /// <summary>Waits for <see cref="IsReadyAsync"/>.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await IsReadyAsync(http, deadline.Token).ConfigureAwait(false))
            {
                await Task.Delay(ReadyPoll, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s ({ReadyUri}).");
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
