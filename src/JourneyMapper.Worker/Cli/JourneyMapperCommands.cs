using System.CommandLine;
using JourneyMapper.Worker.Hosting;

namespace JourneyMapper.Worker.Cli;

/// <summary>
/// The command line. Tokens no command knows are handed to the host as configuration, so
/// <c>--JourneyMapper:Kafka:BootstrapServers=host:9092</c> works on every command.
/// </summary>
public static class JourneyMapperCommands
{
    public static RootCommand Root()
    {
        var root = new RootCommand("JourneyMapper: customer journeys from clickstreams, in real time.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parseResult, cancellationToken) =>
        {
            var builder = JourneyMapperHost.CreateBuilder([.. parseResult.UnmatchedTokens]);
            builder.Services.AddJourneyMapper(builder.Configuration);
            return JourneyMapperHost.RunAsync(builder.Build(), cancellationToken);
        });
        root.Subcommands.Add(DevCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        return root;
    }
}
