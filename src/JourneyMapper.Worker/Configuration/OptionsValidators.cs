using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Configuration;

/// <summary>Start-up checks: each message names the key and how to fix it.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add(Missing($"{KafkaOptions.Section}:BootstrapServers", "the Kafka bootstrap servers, e.g. localhost:9092"));
        }
        else if (options.BootstrapServers.Split(',').Any(server => !IsHostAndPort(server.Trim())))
        {
            failures.Add(
                $"{KafkaOptions.Section}:BootstrapServers is '{options.BootstrapServers}': every entry must be host:port, e.g. broker1:9092,broker2:9092.");
        }

        if (string.IsNullOrWhiteSpace(options.ApplicationId) || options.ApplicationId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            failures.Add(
                $"{KafkaOptions.Section}:ApplicationId is '{options.ApplicationId}': use letters, digits, '.', '_' or '-' (it names the consumer group and internal topics).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string Missing(string key, string what) =>
        $"{key} is required: set {what} in appsettings.json or in the environment variable {key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}.";

    private static bool IsHostAndPort(string server)
    {
        var colon = server.LastIndexOf(':');
        return colon > 0 && int.TryParse(server.AsSpan(colon + 1), out var port) && port is > 0 and < 65536;
    }
}

public sealed class StreamsOptionsValidator : IValidateOptions<StreamsOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamsOptions options)
    {
        var failures = new List<string>();
        if (options.CommitIntervalMs <= 0)
        {
            failures.Add($"{StreamsOptions.Section}:CommitIntervalMs is {options.CommitIntervalMs}: use a positive number of milliseconds, e.g. 1000.");
        }

        if (options.NumStreamThreads is < 1 or > 64)
        {
            failures.Add($"{StreamsOptions.Section}:NumStreamThreads is {options.NumStreamThreads}: use 1 to 64 (more threads than input partitions sit idle).");
        }

        if (options.MaxRetryBackoffMs <= 0)
        {
            failures.Add($"{StreamsOptions.Section}:MaxRetryBackoffMs is {options.MaxRetryBackoffMs}: use a positive number of milliseconds, e.g. 30000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
