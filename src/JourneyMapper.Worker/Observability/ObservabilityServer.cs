using System.Text.Json;
using JourneyMapper.Streams;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Observability;

/// <summary>
/// The health and metrics endpoints, on a small Kestrel server of their own beside the worker, at
/// <c>JourneyMapper:Observability:Urls</c>: <c>/health/live</c> (the process answers), <c>/health/ready</c> (503 until
/// the stream runtime is RUNNING: partitions assigned and stores restored; 503 again during a rebalance or after an
/// error) and <c>/metrics</c> (the runtime's <see cref="StreamsMetrics"/> in Prometheus' text format). It starts
/// first and stops last, so probes are answered while the rest of the service starts and stops.
/// </summary>
public sealed partial class ObservabilityServer(
    IOptions<ObservabilityOptions> options,
    StreamsHostedService streams,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ObservabilityServer>();
    private WebApplication? _app;

    /// <summary>Where the endpoints listen once started (a port 0 resolved to the port taken); empty when turned off.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.UrlList();
        if (urls.Count == 0)
        {
            LogTurnedOff(ObservabilityOptions.Section);
            return;
        }

        // An empty builder: none of ASP.NET's configuration sources or defaults, only Kestrel and three routes.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().UseUrls([.. urls]);
        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Text("live\n"));
        app.MapGet("/health/ready", Ready);
        app.MapGet("/metrics", Metrics);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new StartupException(
                $"the health and metrics endpoints cannot listen on {string.Join(", ", urls)} ({e.Message}): "
                + $"set {ObservabilityOptions.Section}:Urls to a free address, or empty to turn the endpoints off.",
                e);
        }

        _app = app;
        Addresses = [.. app.Urls];
        LogListening(string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IResult Ready()
    {
        var state = streams.Streams?.State;
        var ready = Readiness.IsReady(state);
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["ready"] = ready, ["state"] = Readiness.StateName(state) });
        return Results.Text(body + "\n", "application/json", statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private IResult Metrics()
    {
        var families = streams.Streams?.Metrics.Collect() ?? [];
        return Results.Text(PrometheusTextFormat.Write(families), PrometheusTextFormat.ContentType);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health and metrics endpoints on {Urls}: /health/live, /health/ready, /metrics")]
    private partial void LogListening(string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health and metrics endpoints turned off ({Section}:Urls is empty)")]
    private partial void LogTurnedOff(string section);
}
