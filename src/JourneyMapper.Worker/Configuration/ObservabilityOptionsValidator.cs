using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Configuration;

/// <summary>Endpoint addresses Kestrel can bind, and an OTLP endpoint the exporter can reach: a bad one stops the start.</summary>
public sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>, IValidateOptions<OtlpOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        var failures = new List<string>();
        var urls = options.UrlList();
        for (var i = 0; i < urls.Count; i++)
        {
            var key = urls.Count == 1 ? $"{ObservabilityOptions.Section}:Urls" : $"{ObservabilityOptions.Section}:Urls entry #{i + 1}";
            if (Problem(urls[i]) is { } problem)
            {
                failures.Add(
                    $"{key} is '{urls[i]}': {problem}; use http://host:port, e.g. http://127.0.0.1:8080 (loopback) or http://0.0.0.0:8080 (every interface), "
                    + "or leave Urls empty to turn the endpoints off.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, OtlpOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled
            && (!Uri.TryCreate(options.Endpoint!.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host)))
        {
            failures.Add(
                $"{OtlpOptions.Section}:Endpoint is '{options.Endpoint}': give the OpenTelemetry collector's absolute http:// or https:// URL, "
                + "e.g. http://otel-collector:4317 (Grpc) or http://otel-collector:4318/v1/metrics (HttpProtobuf), or remove it to export no OTLP.");
        }

        if (options.ExportIntervalMs <= 0)
        {
            failures.Add($"{OtlpOptions.Section}:ExportIntervalMs is {options.ExportIntervalMs}: use a positive number of milliseconds, e.g. 60000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Problem(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return "it is not an address Kestrel can listen on";
        }

        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            return "only http is served (put TLS in front, e.g. in the ingress)";
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return "pipes are not served";
        }

        if (!string.IsNullOrEmpty(address.PathBase))
        {
            return "it has a path; the endpoints are /health/live, /health/ready and /metrics at the root";
        }

        return address.Port is < 0 or > 65535 ? "the port must be 0 to 65535 (0 takes a free one)" : null;
    }
}
