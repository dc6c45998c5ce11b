using JourneyMapper.Journeys;
using JourneyMapper.Tools.Generator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Dev;

/// <summary>Feeds the embedded cluster's input topic with the synthetic clickstream while <c>dev</c> runs.</summary>
public sealed class DevClickstreamService(
    DevSettings settings,
    IOptions<JourneyTopics> topics,
    ILogger<DevClickstreamService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var producer = new ClickstreamProducer(settings.BootstrapServers, topics.Value.Input[0], logger: logger);
        await producer.RunAsync(new ClickstreamGenerator(settings.Generator), settings.EventsPerSecond, maxRecords: null, stoppingToken)
            .ConfigureAwait(false);
    }
}
