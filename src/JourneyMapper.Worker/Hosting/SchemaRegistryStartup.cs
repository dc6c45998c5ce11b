using JourneyMapper.Journeys;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Streams;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Hosting;

/// <summary>
/// With Avro, settles the output schemas with the registry before the stream runtime starts: registered (or, with
/// auto-registration off, found) under each output topic's subject, and the ids cached in the shared registry client,
/// where the serializers find them. Two reasons: a registry that refuses a schema (bad credentials, an incompatible or
/// unregistered schema) stops the start with the reason instead of failing records one by one; and a later registry
/// outage can then only stall input (retried), never fail output half-way through a record. A registry that cannot
/// be reached yet is waited for.
/// </summary>
public sealed partial class SchemaRegistryStartup(
    IOptions<SerializationOptions> serialization,
    IOptions<SchemaRegistrySettings> registry,
    IOptions<JourneyTopics> topics,
    IServiceProvider services,
    ILogger<SchemaRegistryStartup> logger) : IHostedService
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (serialization.Value.Format != SerializationFormat.Avro)
        {
            return;
        }

        var settings = registry.Value;
        LogUsing(string.Join(", ", settings.Urls()), settings.AutoRegisterSchemas, string.IsNullOrEmpty(settings.BasicAuthUserInfo) ? "none" : "configured");
        var client = services.GetRequiredService<ISchemaRegistryClient>();
        var subjectName = settings.ToSerdeOptions().SubjectName;
        foreach (var (topic, record, schema) in OutputSchemas(services.GetRequiredService<Topology>(), topics.Value))
        {
            var subject = subjectName(topic, false);
            try
            {
                await SettleAsync(client, settings.AutoRegisterSchemas, topic, subject, schema, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped while waiting: the host stops; nothing was started that needs undoing.
                return;
            }
            catch (SchemaRegistryException e) when (!settings.AutoRegisterSchemas && (e.IsSubjectNotFound || e.IsSchemaNotFound))
            {
                throw new StartupException(
                    $"The {record} schema of topic '{topic}' is not registered under subject '{subject}', and {SchemaRegistrySettings.Section}:AutoRegisterSchemas "
                    + $"is false: register it first (schemas/{record}.avsc), or set AutoRegisterSchemas to true. Registry: {e.Message}",
                    e);
            }
            catch (SchemaRegistryException e)
            {
                throw new StartupException($"The schema registry refused the {record} schema of topic '{topic}' (subject '{subject}'): {e.Message}", e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The topology's fixed output topics whose records are known: click events, and journey segments (triggers too).
    /// Topics an extension adds are left to their serializers, since guessing a schema could register a wrong one.
    /// </summary>
    internal static IEnumerable<(string Topic, string Record, string Schema)> OutputSchemas(Topology topology, JourneyTopics topics)
    {
        string?[] clickEvents = [topics.ValidatedEvents, topics.LateEvents];
        var segments = new[] { topics.Segments, topics.SessionUpdates, topics.Alerts };
        foreach (var topic in topology.SinkTopics.Order(StringComparer.Ordinal))
        {
            if (clickEvents.Contains(topic))
            {
                yield return (topic, "ClickEvent", ClickEventAvroCodec.Instance.SchemaJson);
            }
            else if (segments.Contains(topic) || topic.StartsWith(topics.TriggerPrefix, StringComparison.Ordinal))
            {
                yield return (topic, "JourneySegment", JourneySegmentAvroCodec.Instance.SchemaJson);
            }
        }
    }

    // The serializers ask the same client with the same subject and schema text, so they find the id in its cache.
    private async Task SettleAsync(ISchemaRegistryClient client, bool register, string topic, string subject, string schema, CancellationToken cancellationToken)
    {
        var wait = FirstWait;
        while (true)
        {
            try
            {
                _ = register
                    ? await client.RegisterSchemaAsync(subject, schema, cancellationToken).ConfigureAwait(false)
                    : await client.GetSchemaIdAsync(subject, schema, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SchemaRegistryException e) when (e.IsTransient)
            {
                LogWaiting(topic, wait.TotalSeconds, e.Message);
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = wait * 2 < MaxWait ? wait * 2 : MaxWait;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Records are Avro; schema registry {Urls} (auto-register schemas: {AutoRegister}, basic auth: {BasicAuth})")]
    private partial void LogUsing(string urls, bool autoRegister, string basicAuth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the schema registry to settle the schema of {Topic}; next attempt in {Seconds} s: {Reason}")]
    private partial void LogWaiting(string topic, double seconds, string reason);
}
