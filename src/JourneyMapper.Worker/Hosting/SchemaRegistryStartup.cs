using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Hosting;

/// <summary>
/// With Avro, settles the output schemas with the registry before the stream runtime starts: registered (or, with
/// auto-registration off, found) and their ids cached by the serdes. Two reasons: a registry that refuses them (bad
/// credentials, an incompatible or unregistered schema) stops the start with the reason instead of dead-lettering
/// every record; and once cached, a later registry outage can only stall input (retried), never fail output. A
/// registry that cannot be reached yet is waited for.
/// </summary>
public sealed partial class SchemaRegistryStartup(
    IOptions<SerializationOptions> serialization,
    IOptions<SchemaRegistrySettings> registry,
    IOptions<JourneyTopics> topics,
    IServiceProvider services,
    ILogger<SchemaRegistryStartup> logger) : IHostedService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    // Only the codec's encoding matters: the serializer registers the schema on its first record.
    private static readonly ClickEvent Probe = new() { EventId = "schema-probe", Timestamp = 0, EventType = "schema-probe" };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (serialization.Value.Format != SerializationFormat.Avro)
        {
            return;
        }

        var settings = registry.Value;
        LogUsing(string.Join(", ", settings.Urls()), settings.AutoRegisterSchemas, string.IsNullOrEmpty(settings.BasicAuthUserInfo) ? "none" : "configured");
        var clickEvents = services.GetRequiredService<Serde<ClickEvent>>().Serializer;
        var outputs = new[] { topics.Value.ValidatedEvents };
        var wait = TimeSpan.FromMilliseconds(250);
        foreach (var topic in outputs)
        {
            while (true)
            {
                try
                {
                    await Task.Run(() => clickEvents.Serialize(Probe, new SerializationContext(MessageComponentType.Value, topic)), cancellationToken)
                        .ConfigureAwait(false);
                    break;
                }
                catch (TransientSerdeException e)
                {
                    LogWaiting(topic, wait.TotalSeconds, e.Message);
                }
                catch (AvroSerdeException e)
                {
                    throw new StartupException($"The schema registry refused the schema of '{topic}' ({e.Code}): {e.Message}", e);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped while waiting: the host stops; nothing was started that needs undoing.
                    return;
                }

                wait = wait * 2 < MaxWait ? wait * 2 : MaxWait;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Records are Avro; schema registry {Urls} (auto-register schemas: {AutoRegister}, basic auth: {BasicAuth})")]
    private partial void LogUsing(string urls, bool autoRegister, string basicAuth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the schema registry to register the schema of {Topic}; next attempt in {Seconds} s: {Reason}")]
    private partial void LogWaiting(string topic, double seconds, string reason);
}
