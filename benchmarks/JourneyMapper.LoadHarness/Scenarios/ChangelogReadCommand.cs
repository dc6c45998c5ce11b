using System.CommandLine;
using System.Text.Json;
using JourneyMapper.LoadHarness.Services;
using JourneyMapper.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>
/// <c>changelog-read --topic T --partitions N --result FILE [--Section:Key=value ...]</c>: the restore run's raw-client
/// baseline as a process of its own, as the service restores in one. It takes the service's configuration, so that its
/// consumer gets exactly the service's restore settings, reads the changelog once and writes what it measured to FILE.
/// </summary>
public static class ChangelogReadCommand
{
    public const string Name = "changelog-read";

    private const string ResultFile = "changelog-read.json";

    public static Command Create()
    {
        var topic = new Option<string>("--topic") { Required = true };
        var partitions = new Option<int>("--partitions") { Required = true };
        var result = new Option<string>("--result") { Required = true };
        var command = new Command(Name, "Read a changelog once with the service's restore consumer settings (the restore run's baseline).")
        {
            topic, partitions, result,
        };
        command.Hidden = true;
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = BenchEnvironment.BuildHost(new Dictionary<string, string?>(), [.. parseResult.UnmatchedTokens]);
            var config = host.Services.GetRequiredService<StreamsConfig>();
            var read = ChangelogRead.Run(config, parseResult.GetValue(topic)!, parseResult.GetValue(partitions), cancellationToken);
            await File.WriteAllTextAsync(parseResult.GetValue(result)!, JsonSerializer.Serialize(read), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>Reads <paramref name="topic"/> as the settings host the service: in a child process, or on a thread of the harness.</summary>
    public static async Task<ChangelogReadResult> RunAsync(BenchEnvironment environment, string topic, int partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = environment.Settings;
        if (settings.Hosting == ServiceHosting.InProcess)
        {
            return await Task.Run(() => ChangelogRead.Run(environment.StreamsConfig, topic, partitions, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        // The reader is the first child of a restore run: on a fresh machine the log directory does not exist yet.
        Directory.CreateDirectory(settings.LogDirectory);
        var resultPath = Path.Combine(settings.LogDirectory, ResultFile);
        File.Delete(resultPath);
        await using var child = ChildProcess.Start(
            Name,
            "JourneyMapper.LoadHarness.dll",
            [
                Name, "--topic", topic, "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--result", resultPath,
                .. ChildProcess.ConfigurationArguments(environment.ServiceConfiguration(BenchEnvironment.FreePort())),
            ],
            settings.LogDirectory);
        var exitCode = await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || !File.Exists(resultPath))
        {
            throw new InvalidOperationException($"{Name} exited with code {exitCode} without a result; its log: {child.LogPath}");
        }

        return JsonSerializer.Deserialize<ChangelogReadResult>(await File.ReadAllTextAsync(resultPath, cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException($"{resultPath} holds no result");
    }
}
