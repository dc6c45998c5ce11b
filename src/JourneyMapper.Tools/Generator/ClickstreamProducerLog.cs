using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Tools.Generator;

/// <summary>Source-generated log messages of <see cref="ClickstreamProducer"/>.</summary>
internal static partial class ClickstreamProducerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Producing synthetic clickstream to {Topic} on {BootstrapServers} at {Rate} events/s (0 = flat out)")]
    public static partial void Started(ILogger logger, string topic, string bootstrapServers, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clickstream producer finished: {Sent} sent, {Delivered} delivered, {Failed} failed in {Elapsed}")]
    public static partial void Finished(ILogger logger, long sent, long? delivered, long? failed, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to {Topic} failed ({FailedSoFar} failures so far): {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string topic, long failedSoFar, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flush timed out with {Pending} records still unconfirmed")]
    public static partial void FlushIncomplete(ILogger logger, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    public static partial void ClientLog(ILogger logger, string facility, string message);
}
