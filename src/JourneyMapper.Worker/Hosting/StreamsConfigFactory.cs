using JourneyMapper.Journeys;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace JourneyMapper.Worker.Hosting;

/// <summary>Turns the validated options into the runtime's configuration.</summary>
public static class StreamsConfigFactory
{
    public static StreamsConfig Create(KafkaOptions kafka, StreamsOptions streams, JourneyTopics topics, ILoggerFactory loggerFactory)
    {
        var deadLetter = streams.BadRecords == BadRecordHandling.DeadLetterQueue;
        IDeserializationExceptionHandler deserialization = deadLetter
            ? new LogAndContinueExceptionHandler(loggerFactory.CreateLogger<LogAndContinueExceptionHandler>())
            : new LogAndFailExceptionHandler(loggerFactory.CreateLogger<LogAndFailExceptionHandler>());
        var config = new StreamsConfig
        {
            ApplicationId = kafka.ApplicationId,
            BootstrapServers = kafka.BootstrapServers,
            ProcessingGuarantee = streams.ProcessingGuarantee,
            CommitInterval = TimeSpan.FromMilliseconds(streams.CommitIntervalMs),
            NumStreamThreads = streams.NumStreamThreads,
            DeadLetterQueueTopic = deadLetter ? topics.DeadLetterQueue : null,
            DeserializationExceptionHandler = deserialization,
            ProcessingExceptionHandler = (IProcessingExceptionHandler)deserialization,
            ClientProperties = kafka.Properties,
            MaxRetryBackoff = TimeSpan.FromMilliseconds(streams.MaxRetryBackoffMs),
            ErrorCodeOf = SerdeErrors.CodeOf,
        };

        // A registry outage stalls the record (retried with backoff) rather than dead-lettering a good one.
        return config with { IsRetriable = SerdeErrors.AlsoRetrying(config.IsRetriable) };
    }
}
