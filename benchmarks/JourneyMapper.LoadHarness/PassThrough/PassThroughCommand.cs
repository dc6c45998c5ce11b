using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using JourneyMapper.Streams;

namespace JourneyMapper.LoadHarness.PassThrough;

/// <summary>
/// <c>pass-through --input T --output T [--Section:Key=value ...]</c>: the harness's child process for the baseline. It
/// takes the service's configuration, so that its clients get exactly the service's settings, and copies until SIGTERM.
/// </summary>
public static class PassThroughCommand
{
    public const string Name = "pass-through";

    /// <summary>What the child writes once its consumer has partitions, so that the harness offers load only then.</summary>
    public const string AssignedLine = "pass-through: partitions assigned";

    public static Command Create()
    {
        var input = new Option<string>("--input") { Required = true };
        var output = new Option<string>("--output") { Required = true };
        var command = new Command(Name, "Copy one topic to another with the service's client settings (the harness's baseline).")
        {
            input, output,
        };
        command.Hidden = true;
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = BenchEnvironment.BuildHost(new Dictionary<string, string?>(), [.. parseResult.UnmatchedTokens]);
            var config = host.Services.GetRequiredService<StreamsConfig>();
            var copied = await Task.Run(
                () => PassThroughPipe.Run(config, parseResult.GetValue(input)!, parseResult.GetValue(output)!, () => Console.WriteLine(AssignedLine), cancellationToken),
                CancellationToken.None).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"pass-through copied {copied} records").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
