using System.Text;
using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Dev;

/// <summary>
/// Prints what the service emits, one line per record on standard output, so a newcomer running
/// <c>dev</c> sees records flow. Only synthetic data flows here; it is output, not a log.
/// </summary>
public sealed class DevOutputPrinter(
    DevSettings settings,
    IOptions<JourneyTopics> topics,
    Serde<ClickEvent> clickEvents,
    Serde<JourneySegment> segments,
    IServiceProvider services,
    TextWriter output) : BackgroundService
{
    private const int MaxValueLength = 200;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Print(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Print(CancellationToken stoppingToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = settings.BootstrapServers,
            GroupId = "journey-mapper-dev-printer",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
        };
        using var consumer = new ConsumerBuilder<string?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        var outputs = topics.Value;
        var formatter = new DevValueFormatter(
            outputs,
            clickEvents.Deserializer,
            segments.Deserializer,
            settings.Format == SerializationFormat.Avro ? services.GetRequiredService<ISchemaRegistryClient>() : null);
        consumer.Subscribe([outputs.Segments, outputs.SessionUpdates, outputs.Alerts, outputs.LateEvents, outputs.DeadLetterQueue]);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (consumer.Consume(stoppingToken) is { } record)
                {
                    output.WriteLine(Describe(record, outputs.DeadLetterQueue, formatter));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    private static string Describe(ConsumeResult<string?, byte[]?> record, string deadLetterTopic, DevValueFormatter formatter)
    {
        var line = new StringBuilder().Append(record.Topic).Append("  ").Append(record.Message.Key ?? "<no key>").Append("  ");
        if (record.Topic == deadLetterTopic)
        {
            var headers = record.Message.Headers;
            return line.Append(DeadLetterHeaders.Get(headers, DeadLetterHeaders.ErrorCode)).Append(": ")
                .Append(DeadLetterHeaders.Get(headers, DeadLetterHeaders.Message)).ToString();
        }

        var value = record.Message.Value is { } bytes ? formatter.Format(record.Topic, bytes) : "<tombstone>";
        return line.Append(value.Length > MaxValueLength ? value[..MaxValueLength] + "..." : value).ToString();
    }
}
