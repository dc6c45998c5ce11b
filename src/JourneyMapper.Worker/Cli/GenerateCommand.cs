using System.CommandLine;
using JourneyMapper.Tools.Generator;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace JourneyMapper.Worker.Cli;

/// <summary><c>generate</c>: feeds a cluster's input topic with the synthetic clickstream (docker-compose uses it).</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "Kafka bootstrap servers (host:port,...)", Required = true };
        var topic = new Option<string>("--topic") { Description = "Input topic", DefaultValueFactory = _ => "clickstream.events" };
        var rate = new Option<double>("--rate") { Description = "Events per second; 0 = as fast as the cluster takes them", DefaultValueFactory = _ => 100 };
        var count = new Option<long?>("--count") { Description = "Stop after this many records (default: run until stopped)" };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed sends the same records", DefaultValueFactory = _ => 42 };
        var customers = new Option<int>("--customers") { Description = "Distinct customers", DefaultValueFactory = _ => 1000 };
        var invalidRate = new Option<double>("--invalid-rate") { Description = "Share of deliberately malformed records", DefaultValueFactory = _ => 0 };

        var command = new Command("generate", "Send a synthetic clickstream (funnels, out-of-order arrival, duplicates) to a Kafka topic.")
        {
            bootstrap, topic, rate, count, seed, customers, invalidRate,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var serilog = new LoggerConfiguration().WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose).CreateLogger();
            using var loggerFactory = new SerilogLoggerFactory(serilog);
            var options = new ClickstreamGeneratorOptions
            {
                Seed = parseResult.GetValue(seed),
                Customers = parseResult.GetValue(customers),
                InvalidRate = parseResult.GetValue(invalidRate),

                // Event time starts an hour back so that the stream soon runs at about the present.
                StartTime = DateTimeOffset.UtcNow.AddHours(-1),
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            var producer = new ClickstreamProducer(parseResult.GetValue(bootstrap)!, parseResult.GetValue(topic)!, logger: loggerFactory.CreateLogger("generate"));
            var counts = await producer.RunAsync(new ClickstreamGenerator(options), parseResult.GetValue(rate), parseResult.GetValue(count), stop.Token);
            await Console.Out.WriteLineAsync($"sent {counts.Sent}, delivered {counts.Delivered}, failed {counts.Failed} in {counts.Elapsed}");
            return counts.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
