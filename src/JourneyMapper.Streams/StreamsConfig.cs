using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Streams;

/// <summary>How a <see cref="KafkaStreams"/> instance runs; the names follow Kafka Streams' configuration keys.</summary>
public sealed record StreamsConfig
{
    /// <summary><c>application.id</c>: the consumer group and the prefix of internal topics.</summary>
    public required string ApplicationId { get; init; }

    /// <summary><c>bootstrap.servers</c>.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary><c>processing.guarantee</c>.</summary>
    public ProcessingGuarantee ProcessingGuarantee { get; init; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary>
    /// <c>commit.interval.ms</c>: how often output is flushed and input offsets committed. Null means Kafka
    /// Streams' default: 30 s at least once, 100 ms exactly once (where it bounds end-to-end latency).
    /// </summary>
    public TimeSpan? CommitInterval { get; init; }

    /// <summary>The commit interval in force: <see cref="CommitInterval"/> or the guarantee's default.</summary>
    public TimeSpan EffectiveCommitInterval =>
        CommitInterval ?? (ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(30));

    /// <summary><c>num.stream.threads</c>.</summary>
    public int NumStreamThreads { get; init; } = 1;

    /// <summary>
    /// <c>errors.dead.letter.queue.topic.name</c>: where records skipped by a handler go, with error headers.
    /// Null means skipped records are only logged.
    /// </summary>
    public string? DeadLetterQueueTopic { get; init; }

    /// <summary>
    /// Which deserialization failures are passing (e.g. a schema registry that cannot be reached): the record
    /// is then read again after a backoff instead of going to the handler, so it is neither skipped nor lost.
    /// </summary>
    public Func<Exception, bool> IsRetriable { get; init; } = static exception => exception is KafkaRetriableException;

    /// <summary>
    /// The <c>__streams.errors.code</c> of a dead-lettered deserialization failure, from the deserializer's own
    /// exception (e.g. a schema-registry serde's <c>unknown-schema-id</c>), so that the runtime needs to know no
    /// serde. Null, or a function returning null or blank, means <c>deserialization-error</c>.
    /// </summary>
    public Func<Exception, string?>? ErrorCodeOf { get; init; }

    /// <summary>Longest wait between two attempts at a record that failed with a retriable error.</summary>
    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public IDeserializationExceptionHandler DeserializationExceptionHandler { get; init; } =
        new LogAndFailExceptionHandler(NullLogger<LogAndFailExceptionHandler>.Instance);

    public IProcessingExceptionHandler ProcessingExceptionHandler { get; init; } =
        new LogAndFailExceptionHandler(NullLogger<LogAndFailExceptionHandler>.Instance);

    /// <summary>librdkafka properties for every client (security, timeouts, ...).</summary>
    public IReadOnlyDictionary<string, string> ClientProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>librdkafka properties for the consumer only; they win over <see cref="ClientProperties"/>.</summary>
    public IReadOnlyDictionary<string, string> ConsumerProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>librdkafka properties for the producer only; they win over <see cref="ClientProperties"/>.</summary>
    public IReadOnlyDictionary<string, string> ProducerProperties { get; init; } = new Dictionary<string, string>();
}
