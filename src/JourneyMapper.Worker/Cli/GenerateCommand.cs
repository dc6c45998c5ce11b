using System.CommandLine;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Dev;
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
        var format = new Option<SerializationFormat>("--format")
        {
            Description = "Avro (Confluent schema-registry framing, the service's default) or Json",
            DefaultValueFactory = _ => SerializationFormat.Avro,
        };
        var registryUrl = new Option<string?>("--schema-registry-url") { Description = "Schema registry base URL; required for Avro" };

        var command = new Command("generate", "Send a synthetic clickstream (funnels, out-of-order arrival, duplicates) to a Kafka topic.")
        {
            bootstrap, topic, rate, count, seed, customers, invalidRate, format, registryUrl,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var avro = parseResult.GetValue(format) == SerializationFormat.Avro;
            if (avro && string.IsNullOrWhiteSpace(parseResult.GetValue(registryUrl)))
            {
                await Console.Error.WriteLineAsync(
                    "--schema-registry-url is required with --format Avro (the default): give the registry's base URL, e.g. http://localhost:8081, or pass --format Json.")
                    .ConfigureAwait(false);
                return 2;
            }

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

            var destination = parseResult.GetValue(topic)!;
            SchemaRegistryClient? client = null;
            if (avro)
            {
                try
                {
                    client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = parseResult.GetValue(registryUrl)! });
                }
                catch (ArgumentException e)
                {
                    await Console.Error.WriteLineAsync($"--schema-registry-url: {e.Message}").ConfigureAwait(false);
                    return 2;
                }
            }

            using var registry = client;
            var generator = new ClickstreamGenerator(options);
            var records = registry is null
                ? generator.StreamRaw()
                : AvroClickRecords.Encode(generator.StreamRecords(), AvroRecordSerdes.ClickEvent(registry), destination);

            var producer = new ClickstreamProducer(parseResult.GetValue(bootstrap)!, destination, logger: loggerFactory.CreateLogger("generate"));
            try
            {
                var counts = await producer.RunAsync(records, parseResult.GetValue(rate), parseResult.GetValue(count), stop.Token).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"sent {counts.Sent}, delivered {counts.Delivered}, failed {counts.Failed} in {counts.Elapsed}").ConfigureAwait(false);
                return counts.Failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is AvroSerdeException or TransientSerdeException)
            {
                await Console.Error.WriteLineAsync($"The schema registry did not take the ClickEvent schema: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
