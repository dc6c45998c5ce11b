using JourneyMapper.Journeys;
using JourneyMapper.Streams;
using JourneyMapper.Worker.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Worker.Hosting;

/// <summary>
/// Owns the stream runtime's life: starts it with the host and, on SIGTERM or Ctrl-C, closes it so that
/// output is flushed and offsets committed before the process exits. A runtime failure stops the host
/// with a non-zero exit code instead of leaving a process that looks alive and does nothing.
/// </summary>
public sealed partial class StreamsHostedService(
    Topology topology,
    StreamsConfig config,
    ILoggerFactory loggerFactory,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<StreamsHostedService>();

    /// <summary>The running instance, for health checks and tests; null before start.</summary>
    public KafkaStreams? Streams { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested)
        {
            // Stopped during start-up (e.g. while waiting for the schema registry): nothing to run.
            return;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogTopology(config.ApplicationId, topology.Describe());
        }
        var streams = new KafkaStreams(topology, config, loggerFactory);
        JourneyMetrics.Describe(streams.Metrics);
        ProcessMetrics.Register(streams.Metrics);
        Streams = streams;
        streams.Start();
        try
        {
            await streams.Completion.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await streams.CloseAsync().ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            LogFailed(ex);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        // Completed on its own without a stop request: nothing is left to run, so the host should not idle.
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting application {ApplicationId} with topology\n{Topology}")]
    private partial void LogTopology(string applicationId, TopologyDescription topology);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The stream runtime failed; stopping the service")]
    private partial void LogFailed(Exception exception);
}
