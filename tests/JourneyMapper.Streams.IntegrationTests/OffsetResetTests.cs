using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using JourneyMapper.Tools.Kafka;
using Xunit;

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>Records deleted before the application read them are skipped by the consumer's reset, and counted where operators look.</summary>
public sealed class OffsetResetTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 90_000)]
    public async Task AResetPastRecordsRetentionDeletedIsCountedPerTopicAndPartition()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic("reset-in", 1);
        cluster.CreateTopic("reset-out", 1);
        var applicationId = "reset-" + Guid.NewGuid().ToString("N")[..8];
        using var progress = new GroupProgress(cluster, applicationId, "reset-in", partitions: 1);
        progress.Commit(partition: 0, offset: 1);

        // 8 MB into a partition the mock keeps about 5 MB of: the committed offset is deleted before anyone reads it.
        var value = new string('x', 1_000);
        using (var producer = KafkaIo.Producer(cluster))
        {
            await KafkaIo.ProduceAsync(producer, "reset-in", Enumerable.Range(0, 8_000).Select(i => ($"k{i}", value, (long)i + 1)));
        }

        Assert.True(progress.LowWatermark(partition: 0) > 1);
        var builder = new StreamBuilder();
        builder.Stream("reset-in", Consumed.With(Serdes.String, Serdes.String)).To("reset-out", Produced.With(Serdes.String, Serdes.String));
        await using var streams = new KafkaStreams(builder.Build(), new StreamsConfig { ApplicationId = applicationId, BootstrapServers = cluster.BootstrapServers });
        streams.Start();

        await KafkaIo.WaitUntilAsync(
            () => streams.Metrics.Get(StreamsMetrics.OffsetResets) > 0,
            StepTimeout,
            () => "an offset reset counted");
        var resets = Assert.Single(streams.Metrics.Collect().Single(family => family.Name == StreamsMetrics.OffsetResets).Series);
        Assert.Equal([new MetricTag(StreamsMetrics.PartitionTag, "0"), new MetricTag(StreamsMetrics.TopicTag, "reset-in")], resets.Tags);
        Assert.Equal(1, resets.Value);
    }
}
