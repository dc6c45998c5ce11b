using JourneyMapper.Streams;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace JourneyMapper.Worker.Observability;

/// <summary>
/// Registers the endpoints (<see cref="ObservabilityServer"/>) and, when <c>JourneyMapper:Observability:Otlp:Endpoint</c>
/// is set, an OpenTelemetry MeterProvider that pushes the runtime's meter (<see cref="StreamsMetrics.MeterName"/>) over
/// OTLP. Both read the same values: see <see cref="StreamsMetrics"/>.
/// </summary>
public static class ObservabilityServices
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().BindStrictly(configuration.GetSection(ObservabilityOptions.Section)).ValidateOnStart();
        services.AddOptions<OtlpOptions>().BindStrictly(configuration.GetSection(OtlpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ObservabilityOptions>, ObservabilityOptionsValidator>();
        services.AddSingleton<IValidateOptions<OtlpOptions>, ObservabilityOptionsValidator>();
        services.AddSingleton<ObservabilityServer>();
        services.AddHostedService(provider => provider.GetRequiredService<ObservabilityServer>());
        if (!string.IsNullOrWhiteSpace(configuration[$"{OtlpOptions.Section}:{nameof(OtlpOptions.Endpoint)}"]))
        {
            AddOtlpExporter(services, configuration);
        }

        return services;
    }

    private static void AddOtlpExporter(IServiceCollection services, IConfiguration configuration)
    {
        var applicationId = configuration[$"{KafkaOptions.Section}:{nameof(KafkaOptions.ApplicationId)}"];
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(string.IsNullOrWhiteSpace(applicationId) ? "journey-mapper" : applicationId))
            .WithMetrics(metrics => metrics
                .AddMeter(StreamsMetrics.MeterName)
                .AddOtlpExporter((exporter, reader) =>
                {
                    // Runs when the host builds the provider, after the start-up checks: the settings are valid here.
                    var otlp = Settings(configuration);
                    exporter.Protocol = otlp.Protocol == OtlpProtocol.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    if (Uri.TryCreate(otlp.Endpoint?.Trim(), UriKind.Absolute, out var endpoint))
                    {
                        exporter.Endpoint = otlp.Protocol == OtlpProtocol.HttpProtobuf && endpoint.AbsolutePath == "/"
                            ? new Uri(endpoint, "v1/metrics")
                            : endpoint;
                    }

                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Math.Max(1, otlp.ExportIntervalMs);
                }));
    }

    private static OtlpOptions Settings(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(OtlpOptions.Section).Get<OtlpOptions>() ?? new OtlpOptions();
        }
        catch (InvalidOperationException)
        {
            return new OtlpOptions(); // reported, with its key, by the start-up checks
        }
    }
}
