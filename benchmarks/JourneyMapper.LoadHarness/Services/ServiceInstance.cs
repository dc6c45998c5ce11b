namespace JourneyMapper.LoadHarness.Services;

/// <summary>A running service instance and its health and metrics endpoints.</summary>
public sealed class ServiceInstance(IBenchProcess process, int port) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(200);

    public IBenchProcess Process { get; } = process;

    public string Name => Process.Name;

    public Uri MetricsUri { get; } = new($"http://127.0.0.1:{port}/metrics");

    public Uri ReadyUri { get; } = new($"http://127.0.0.1:{port}/health/ready");

    /// <summary>Waits for <c>/health/ready</c>: partitions assigned and state restored.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(ReadyUri, deadline.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s ({ReadyUri}).");
            }

            try
            {
                await Task.Delay(ReadyPoll, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s ({ReadyUri}).");
            }
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
