using System.CommandLine;
using System.Diagnostics;
using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Privacy;
using JourneyMapper.Journeys.Replay;
using JourneyMapper.Worker.Hosting;
using JourneyMapper.Worker.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Cli;

/// <summary>
/// <c>replay</c>: the journey topology over ClickEvents given as JSON lines, in arrival order; every closed segment
/// (and, on request, every late event) written as a JSON line; all sessions closed at the end of the input.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "ClickEvents as JSON lines, in arrival order", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where the closed JourneySegments go, one JSON line each", Required = true };
        var lateOutput = new Option<FileInfo?>("--late-output") { Description = "Where late events go, one JSON line each" };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON settings file in the appsettings.json layout (sessions, rules, privacy, ...)" };
        var throughKafka = new Option<bool>("--through-kafka") { Description = "Run over the embedded Kafka cluster with real clients instead of in process" };

        var command = new Command("replay", "Replay a clickstream file through the journey topology and write the segments.")
        {
            input, output, lateOutput, config, throughKafka,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (Options(parseResult.GetValue(config), [.. parseResult.UnmatchedTokens]) is not { } options)
            {
                return 2;
            }

            var watch = Stopwatch.StartNew();
            using var reader = parseResult.GetValue(input)!.OpenText();
            await using var segments = parseResult.GetValue(output)!.CreateText();
            await using var late = parseResult.GetValue(lateOutput)?.CreateText();
            var counts = parseResult.GetValue(throughKafka)
                ? await KafkaReplay.RunAsync(options, reader, segments, late, cancellationToken).ConfigureAwait(false)
                : JourneyReplay.Run(options, reader, segments, late, TimeProvider.System);
            await Console.Error.WriteLineAsync(
                $"replayed {counts.Events} events in {watch.Elapsed.TotalSeconds:F1} s: {counts.Segments} segments, "
                + $"{counts.LateEvents} late events, {counts.DeadLetters} rejected to the dead-letter queue").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>The service's own configuration sources and validation, plus the file; null after printing what to fix.</summary>
    private static JourneyOptions? Options(FileInfo? file, string[] configurationArgs)
    {
        // A replay writes local files: hashing with the public development salt is fine unless a salt is configured.
        var builder = JourneyMapperHost.CreateBuilder(configurationArgs, new Dictionary<string, string?>
        {
            [$"{PrivacyOptions.Section}:{nameof(PrivacyOptions.UseDevelopmentSalt)}"] = "true",
        });
        if (file is not null)
        {
            builder.Configuration.AddJsonFile(file.FullName, optional: false);
        }

        builder.Services.AddJourneyMapper(builder.Configuration);
        using var services = builder.Services.BuildServiceProvider();
        try
        {
            return services.GetRequiredService<JourneyOptions>();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Console.Error.WriteLine($"Configuration error: {failure}");
            }

            return null;
        }
    }
}
