using Confluent.Kafka;
using JourneyMapper.Streams.Runtime;
using Xunit;

namespace JourneyMapper.Streams.Tests.Runtime;

public sealed class ClientConfigsTests
{
    [Fact]
    public void TheRestoreConsumerFetchesWithoutWaitingOrBackingOff()
    {
        var consumer = ClientConfigs.RestoreConsumer(new StreamsConfig { ApplicationId = "app", BootstrapServers = "broker:9092" }, "app-restore");

        Assert.Equal("app-restore", consumer.GroupId);
        Assert.Equal(10, consumer.FetchWaitMaxMs);
        Assert.Equal(10_000_000, consumer.QueuedMinMessages);
        Assert.Null(consumer.QueuedMaxMessagesKbytes);
        Assert.False(consumer.EnableAutoCommit);
        Assert.Equal(IsolationLevel.ReadUncommitted, consumer.IsolationLevel);
    }

    [Fact]
    public void TheUsersOwnRestoreSettingsAreKept()
    {
        var config = new StreamsConfig
        {
            ApplicationId = "app",
            BootstrapServers = "broker:9092",
            ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2,
            ConsumerProperties = new Dictionary<string, string>
            {
                ["fetch.wait.max.ms"] = "100",
                ["queued.min.messages"] = "100000",
                ["queued.max.messages.kbytes"] = "65536",
            },
        };

        var consumer = ClientConfigs.RestoreConsumer(config, "app-restore");

        Assert.Equal(100, consumer.FetchWaitMaxMs);
        Assert.Equal(100_000, consumer.QueuedMinMessages);
        Assert.Equal(65_536, consumer.QueuedMaxMessagesKbytes);
        Assert.Equal(IsolationLevel.ReadCommitted, consumer.IsolationLevel);
    }

    [Fact]
    public void TheProducerBatchesAndReadsNoDeliveryReportFieldsUnlessTheUserSaysOtherwise()
    {
        var defaults = ClientConfigs.Producer(new StreamsConfig { ApplicationId = "app", BootstrapServers = "broker:9092" }, "app-producer");
        var users = ClientConfigs.Producer(
            new StreamsConfig
            {
                ApplicationId = "app",
                BootstrapServers = "broker:9092",
                ProducerProperties = new Dictionary<string, string> { ["linger.ms"] = "5", ["dotnet.producer.delivery.report.fields"] = "all" },
            },
            "app-producer");

        Assert.Equal((20, "none", true), (defaults.LingerMs, defaults.DeliveryReportFields, defaults.EnableIdempotence));
        Assert.Equal((5, "all"), (users.LingerMs, users.DeliveryReportFields));
    }
}
