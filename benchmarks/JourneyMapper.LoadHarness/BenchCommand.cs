using System.CommandLine;
using JourneyMapper.LoadHarness.PassThrough;
using JourneyMapper.LoadHarness.Report;
using JourneyMapper.LoadHarness.Scenarios;
using JourneyMapper.Worker.Configuration;

namespace JourneyMapper.LoadHarness;

/// <summary>The harness's command line: the load run by default, the pass-through child, the restore run and its changelog-read child as subcommands.</summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var defaults = new BenchSettings();
        var rate = new Option<double>("--rate") { Description = "Events per second offered; 0 = flat out", DefaultValueFactory = _ => defaults.Rate };
        var serviceRate = new Option<double?>("--service-rate") { Description = "Events per second offered to the service; default: --rate" };
        var duration = new Option<int>("--duration") { Description = "Seconds measured", DefaultValueFactory = _ => (int)defaults.Duration.TotalSeconds };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before the window", DefaultValueFactory = _ => (int)defaults.Warmup.TotalSeconds };
        var brokers = new Option<int>("--brokers") { DefaultValueFactory = _ => defaults.Brokers };
        var partitions = new Option<int>("--partitions") { Description = "Input partitions (and tasks)", DefaultValueFactory = _ => defaults.Partitions };
        var instances = new Option<int>("--instances") { Description = "Service instances in one group", DefaultValueFactory = _ => defaults.Instances };
        var hosting = new Option<ServiceHosting>("--hosting") { Description = "ChildProcess (as deployed) or InProcess", DefaultValueFactory = _ => defaults.Hosting };
        var format = new Option<SerializationFormat>("--format") { DefaultValueFactory = _ => defaults.Format };
        var customers = new Option<int>("--customers") { DefaultValueFactory = _ => defaults.Customers };
        var noPassThrough = new Option<bool>("--no-pass-through") { Description = "Skip the raw-client baseline" };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };

        var root = new RootCommand("JourneyMapper load harness: the service against the raw clients' pass-through on an embedded cluster.")
        {
            rate, serviceRate, duration, warmup, brokers, partitions, instances, hosting, format, customers, noPassThrough, report,
        };
        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = defaults with
            {
                Rate = parseResult.GetValue(rate),
                ServiceRate = parseResult.GetValue(serviceRate),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
                Brokers = parseResult.GetValue(brokers),
                Partitions = parseResult.GetValue(partitions),
                Instances = parseResult.GetValue(instances),
                Hosting = parseResult.GetValue(hosting),
                Format = parseResult.GetValue(format),
                Customers = parseResult.GetValue(customers),
                PassThrough = !parseResult.GetValue(noPassThrough),
                ReportPath = parseResult.GetValue(report),
            };
            var result = await ThroughputScenario.RunAsync(settings, Console.Error, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(ReportTable.Write(result)).ConfigureAwait(false);
            if (settings.ReportPath is { } path)
            {
                await File.WriteAllTextAsync(path, result.ToJson(), cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        root.Subcommands.Add(PassThroughCommand.Create());
        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(ChangelogReadCommand.Create());
        return root;
    }
}
