using JourneyMapper.Journeys;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Dev;

/// <summary>
/// Feeds the embedded cluster's input topic with the synthetic clickstream while <c>dev</c> runs, in the service's
/// format: Confluent-framed Avro (through the service's own serde and registry) or JSON.
/// </summary>
public sealed class DevClickstreamService(
    DevSettings settings,
    IOptions<JourneyTopics> topics,
    IOptions<SerializationOptions> serialization,
    Serde<ClickEvent> clickEvents,
    ILogger<DevClickstreamService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topic = topics.Value.Input[0];
        var generator = new ClickstreamGenerator(settings.Generator);
        var records = serialization.Value.Format == SerializationFormat.Avro
            ? AvroClickRecords.Encode(generator.StreamRecords(), clickEvents.Serializer, topic)
            : generator.StreamRaw();

        var producer = new ClickstreamProducer(settings.BootstrapServers, topic, logger: logger);
        await producer.RunAsync(records, settings.EventsPerSecond, maxRecords: null, stoppingToken).ConfigureAwait(false);
    }
}
