using System.Text;
using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Replay;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Tools.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Worker.Replay;

/// <summary>
/// <c>replay --through-kafka</c>: the same replay as in process, but over the embedded cluster with real clients and
/// the real runtime, partitions, repartition and changelog topics included. It ends once the application has
/// committed every input record, so every segment it wrote is on the output topics.
/// </summary>
public static class KafkaReplay
{
    private const int Partitions = 4;
    private const string ApplicationId = "journey-replay";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<ReplayCounts> RunAsync(JourneyOptions options, TextReader input, TextWriter segments, TextWriter? lateEvents, CancellationToken cancellationToken)
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        var topics = options.Topics;
        var topology = JourneyTopology.Build(options, JourneySerdes.Json, TimeProvider.System);
        cluster.CreateTopics(topics.All()
            .Concat(options.Routing.Triggers.Select(trigger => topics.TriggerPrefix + trigger))
            .Concat(topology.InternalTopics(ApplicationId).Select(topic => topic.Name))
            .Distinct()
            .Select(topic => (topic, Partitions)));

        var config = new StreamsConfig
        {
            ApplicationId = ApplicationId,
            BootstrapServers = cluster.BootstrapServers,
            DeadLetterQueueTopic = topics.DeadLetterQueue,
            CommitInterval = TimeSpan.FromMilliseconds(200),
            DeserializationExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
            ProcessingExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
        };
        await using var streams = new KafkaStreams(topology, config);
        streams.Start();

        var events = Produce(config, topics.Input[0], options, input);
        await WaitUntilCommittedAsync(config, topics.Input[0], cancellationToken).ConfigureAwait(false);
        await streams.CloseAsync().ConfigureAwait(false);

        var segmentLines = ReadAll(cluster.BootstrapServers, topics.Segments)
            .Select(value => (Segment: JsonSerdes.JourneySegment.Deserialize(value, isNull: false, default), Line: Encoding.UTF8.GetString(value)))
            .OrderBy(segment => segment.Segment.End).ThenBy(segment => segment.Segment.SessionId, StringComparer.Ordinal)
            .Select(segment => segment.Line)
            .ToList();
        var lateLines = ReadAll(cluster.BootstrapServers, topics.LateEvents).Select(value => Encoding.UTF8.GetString(value)).ToList();
        foreach (var line in segmentLines)
        {
            await segments.WriteLineAsync(line).ConfigureAwait(false);
        }

        foreach (var line in lateEvents is null ? [] : lateLines)
        {
            await lateEvents!.WriteLineAsync(line).ConfigureAwait(false);
        }

        return new ReplayCounts(events, segmentLines.Count, lateLines.Count, ReadAll(cluster.BootstrapServers, topics.DeadLetterQueue).Count);
    }

    // Keyed by customer id, with the murmur2 partitioner the runtime uses (Java's default), so each customer's events share a partition;
    // then the end marker on every partition, after everything else there.
    private static long Produce(StreamsConfig config, string topic, JourneyOptions options, TextReader input)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = config.BootstrapServers,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
        }).Build();
        var (events, latest) = (0L, long.MinValue);
        foreach (var record in ReplayInput.Read(input))
        {
            events++;
            latest = Math.Max(latest, record.Timestamp);
            producer.Produce(topic, Message(record.Key, record.Value, record.Timestamp));
        }

        producer.Flush();
        if (latest != long.MinValue)
        {
            for (var partition = 0; partition < Partitions; partition++)
            {
                var marker = ReplayEnd.Marker(latest, options.Sessions, partition);
                producer.Produce(new TopicPartition(topic, partition), Message(ReplayEnd.CustomerId, JsonSerdes.ClickEvent.Serialize(marker, default), marker.Timestamp!.Value));
            }
        }

        producer.Flush();
        return events;
    }

    private static Message<byte[]?, byte[]> Message(string? key, byte[] value, long timestamp) => new()
    {
        Key = key is null ? null : Encoding.UTF8.GetBytes(key),
        Value = value,
        Timestamp = timestamp > 0 ? new Timestamp(timestamp, TimestampType.CreateTime) : Timestamp.Default,
    };

    private static async Task WaitUntilCommittedAsync(StreamsConfig config, string topic, CancellationToken cancellationToken)
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = config.BootstrapServers, GroupId = config.ApplicationId }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(partition => new TopicPartition(topic, partition)).ToList();
        var ends = partitions.Select(partition => probe.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value).ToList();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        while (true)
        {
            var committed = probe.Committed(partitions, TimeSpan.FromSeconds(10));
            if (committed.Select((offset, i) => offset.Offset.Value >= ends[i]).All(done => done))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token).ConfigureAwait(false);
        }
    }

    private static List<byte[]> ReadAll(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "journey-replay-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var values = new List<byte[]>();
        for (var partition = 0; partition < Partitions; partition++)
        {
            var topicPartition = new TopicPartition(topic, partition);
            var end = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value;
            consumer.Assign(new TopicPartitionOffset(topicPartition, Offset.Beginning));
            while (end > 0 && consumer.Consume(TimeSpan.FromSeconds(10)) is { } result)
            {
                values.Add(result.Message.Value);
                if (result.Offset.Value >= end - 1)
                {
                    break;
                }
            }
        }

        return values;
    }
}
