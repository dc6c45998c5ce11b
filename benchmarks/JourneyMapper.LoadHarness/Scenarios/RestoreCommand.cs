using System.CommandLine;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>
/// <c>restore [--sessions N] [--partitions P] ...</c>: the restore measurement of BENCHMARKS.md. Exits 1 when the run does not add
/// up (sessions lost or closed by the restore), 0 otherwise, whether or not the target was met: the verdict is in the report.
/// </summary>
public static class RestoreCommand
{
    public const string Name = "restore";

    public static Command Create()
    {
        var defaults = new RestoreSettings();
        var sessions = new Option<int>("--sessions") { Description = "Open sessions in the changelog", DefaultValueFactory = _ => defaults.Sessions };
        var partitions = new Option<int>("--partitions")
        {
            Description = "Partitions of the changelog and every topic; 0 = the fewest that keep each under 80 % of the mock's 5 MiB retention",
            DefaultValueFactory = _ => defaults.Partitions,
        };
        var brokers = new Option<int>("--brokers") { DefaultValueFactory = _ => defaults.Brokers };
        var hosting = new Option<ServiceHosting>("--hosting") { Description = "ChildProcess (as deployed) or InProcess", DefaultValueFactory = _ => defaults.Hosting };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => defaults.Seed };
        var readyTimeout = new Option<int>("--ready-timeout") { Description = "Seconds to wait for /health/ready", DefaultValueFactory = _ => (int)defaults.ReadyTimeout.TotalSeconds };
        var scrapeInterval = new Option<int>("--scrape-interval-ms") { DefaultValueFactory = _ => (int)defaults.ScrapeInterval.TotalMilliseconds };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        var command = new Command(Name, $"State restore of open sessions from the session store's changelog, against {RestoreSettings.TargetRecordsPerSecond:N0} records/s.")
        {
            sessions, partitions, brokers, hosting, seed, readyTimeout, scrapeInterval, report,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = defaults with
            {
                Sessions = parseResult.GetValue(sessions),
                Partitions = parseResult.GetValue(partitions),
                Brokers = parseResult.GetValue(brokers),
                Hosting = parseResult.GetValue(hosting),
                Seed = parseResult.GetValue(seed),
                ReadyTimeout = TimeSpan.FromSeconds(parseResult.GetValue(readyTimeout)),
                ScrapeInterval = TimeSpan.FromMilliseconds(parseResult.GetValue(scrapeInterval)),
                ReportPath = parseResult.GetValue(report),
            };
            var result = await RestoreScenario.RunAsync(settings, Console.Error, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(result.ToMarkdown()).ConfigureAwait(false);
            if (settings.ReportPath is { } path)
            {
                await File.WriteAllTextAsync(path, result.ToJson(), cancellationToken).ConfigureAwait(false);
            }

            return result.Problems.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
