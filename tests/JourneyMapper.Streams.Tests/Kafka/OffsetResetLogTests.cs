using Confluent.Kafka;
using JourneyMapper.Streams.Kafka;
using Xunit;

namespace JourneyMapper.Streams.Tests.Kafka;

public sealed class OffsetResetLogTests
{
    [Theory]
    [InlineData(
        "[thrd:main]: clickstream.events [1]: offset reset (at offset 605170, broker 3) to cached BEGINNING offset 610535: fetch failed due to requested offset not available on the broker: Broker: Offset out of range",
        "clickstream.events",
        1)]
    [InlineData(
        "[thrd:sasl_ssl://b-2.kafka:9096/2]: journey-mapper-sessions-changelog [11]: offset reset (at offset 42, broker 2) to BEGINNING: fetch failed due to requested offset not available on the broker: Broker: Offset out of range",
        "journey-mapper-sessions-changelog",
        11)]
    public void AResetLineGivesItsTopicAndPartition(string line, string topic, int partition)
    {
        Assert.True(OffsetResetLog.TryParse(Warning(line), out var parsedTopic, out var parsedPartition));
        Assert.Equal((topic, partition), (parsedTopic, parsedPartition));
    }

    [Theory]
    [InlineData("[thrd:main]: Topic clickstream.events [1]: Fetch backoff for 500ms: Broker: Offset out of range")]
    [InlineData("[thrd:app]: Configuration property fetch.wait.max.ms is a consumer property and will be ignored by this producer instance")]
    [InlineData("offset reset (at offset 1) without a topic")]
    public void AnyOtherLineIsNoReset(string line)
    {
        Assert.False(OffsetResetLog.TryParse(Warning(line), out var topic, out var partition));
        Assert.Equal(("", -1), (topic, partition));
    }

    [Fact]
    public void AGroupsFirstStartLoggedAtDebugLevelIsNoReset()
    {
        var line = new LogMessage(
            "rdkafka#consumer-1",
            SyslogLevel.Debug,
            "OFFSET",
            "[thrd:main]: clickstream.events [0]: offset reset (at offset INVALID, broker 1) to BEGINNING: no previously committed offset available: Local: No offset stored");

        Assert.False(OffsetResetLog.TryParse(line, out _, out _));
        Assert.True(OffsetResetLog.TryParse(new LogMessage(line.Name, SyslogLevel.Warning, line.Facility, line.Message), out _, out _));
    }

    private static LogMessage Warning(string message) => new("rdkafka#consumer-1", SyslogLevel.Warning, "OFFSET", message);
}
