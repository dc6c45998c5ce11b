using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using JourneyMapper.Tools.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>A passing failure (e.g. a schema registry outage) stalls the record; it is neither dead-lettered nor lost.</summary>
public sealed class RetryTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 60_000)]
    public async Task ARecordThatFailsForAPassingReasonIsReadAgainUntilItSucceeds()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic("retry-in", 1);
        cluster.CreateTopic("retry-out", 1);
        cluster.CreateTopic("retry-dlq", 1);
        var deserializer = new OutageDeserializer(failures: 3);
        var builder = new StreamBuilder();
        builder.Stream("retry-in", Consumed.With(Serdes.String, new Serde<string>(Serializers.Utf8, deserializer)))
            .To("retry-out", Produced.With(Serdes.String, Serdes.String));
        await using var streams = new KafkaStreams(builder.Build(), new StreamsConfig
        {
            ApplicationId = "retry-" + Guid.NewGuid().ToString("N")[..8],
            BootstrapServers = cluster.BootstrapServers,
            CommitInterval = TimeSpan.FromMilliseconds(200),
            DeadLetterQueueTopic = "retry-dlq",
            DeserializationExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
        });
        streams.Start();

        using (var producer = KafkaIo.Producer(cluster))
        {
            await KafkaIo.ProduceAsync(producer, "retry-in", [("k", "a", 1L), ("k", "b", 2L), ("k", "c", 3L)]);
        }

        await KafkaIo.WaitUntilAsync(
            () => KafkaIo.ReadAll(cluster, "retry-out", 1, IsolationLevel.ReadUncommitted, toHighWatermark: true, StepTimeout).Records.Count >= 3,
            StepTimeout,
            () => "three outputs");
        await streams.CloseAsync();

        var output = KafkaIo.ReadAll(cluster, "retry-out", 1, IsolationLevel.ReadUncommitted, toHighWatermark: true, StepTimeout).Records;
        Assert.Equal(["a", "b", "c"], output.Select(record => record.Message.Value));
        Assert.Empty(KafkaIo.ReadAll(cluster, "retry-dlq", 1, IsolationLevel.ReadUncommitted, toHighWatermark: true, StepTimeout).Records);
        Assert.Equal(3 + 3, deserializer.Calls);
    }

    /// <summary>Behaves like a serde whose registry is down for the first calls.</summary>
    private sealed class OutageDeserializer(int failures) : IDeserializer<string>
    {
        public int Calls { get; private set; }

        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            ++Calls <= failures
                ? throw new KafkaRetriableException(new Error(ErrorCode.Local_Transport, "schema registry unreachable"))
                : Deserializers.Utf8.Deserialize(data, isNull, context);
    }
}
