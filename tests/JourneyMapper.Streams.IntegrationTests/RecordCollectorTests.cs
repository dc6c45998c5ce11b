using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Runtime;
using JourneyMapper.Tools.Kafka;
using Xunit;

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>The runtime's producer, with the runtime's client settings, against brokers that refuse a write.</summary>
public sealed class RecordCollectorTests
{
    private const short ProduceApiKey = 0;

    [Fact(Timeout = 60_000)]
    public async Task AWriteTheBrokersRefuseSurfacesAtTheFlushWithItsTopic()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic("collector-out", 1);
        var config = ClientConfigs.Producer(new StreamsConfig { ApplicationId = "collector", BootstrapServers = cluster.BootstrapServers }, "collector-producer");
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        var collector = new KafkaRecordCollector(producer);
        collector.Send("collector-out", "k"u8.ToArray(), "v"u8.ToArray(), headers: null, timestamp: 1);
        collector.Flush();

        // A refusal no retry gets past: the record is lost to the client, and the collector must say so before a commit.
        cluster.PushRequestErrors(ProduceApiKey, ErrorCode.MsgSizeTooLarge);
        collector.Send("collector-out", "k"u8.ToArray(), "w"u8.ToArray(), headers: null, timestamp: 2);

        var failure = await Assert.ThrowsAsync<StreamsException>(() => Task.Run(() => collector.Flush()));
        Assert.Equal("sending to topic 'collector-out' failed: MsgSizeTooLarge: Broker: Message size too large", failure.Message);
    }
}
