using JourneyMapper.Worker.Observability;
using Microsoft.Extensions.Hosting;

namespace JourneyMapper.Worker.Dev;

/// <summary>Tells the <c>dev</c> user where the health and metrics endpoints answer, once they do.</summary>
public sealed class DevEndpointsBanner(ObservabilityServer server, TextWriter output) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var address in server.Addresses)
        {
            var root = address.TrimEnd('/');
            await output.WriteLineAsync($"Metrics: {root}/metrics  Health: {root}/health/ready, {root}/health/live").ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
