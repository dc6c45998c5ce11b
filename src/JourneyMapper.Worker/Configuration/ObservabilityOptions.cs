namespace JourneyMapper.Worker.Configuration;

/// <summary>Section <c>JourneyMapper:Observability</c>: where the health and metrics endpoints listen.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "JourneyMapper:Observability";

    /// <summary>
    /// <c>http://host:port</c> addresses for <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>, separated by
    /// <c>;</c>. Loopback by default: exposing them is a deliberate choice (<c>http://0.0.0.0:8080</c>). Port 0 takes a
    /// free port; empty turns the endpoints off.
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    public IReadOnlyList<string> UrlList() => Urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Section <c>JourneyMapper:Observability:Otlp</c>: the same metrics pushed through OpenTelemetry's OTLP exporter.</summary>
public sealed class OtlpOptions
{
    public const string Section = "JourneyMapper:Observability:Otlp";

    /// <summary>The collector's URL, e.g. <c>http://otel-collector:4317</c>; unset means no exporter.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (default, port 4317) or <c>HttpProtobuf</c> (port 4318; <c>/v1/metrics</c> is added to a bare URL).</summary>
    public OtlpProtocol Protocol { get; set; } = OtlpProtocol.Grpc;

    /// <summary>How often the metrics are pushed.</summary>
    public int ExportIntervalMs { get; set; } = 60_000;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}

public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}
