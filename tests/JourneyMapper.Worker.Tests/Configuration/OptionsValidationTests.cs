using JourneyMapper.Journeys;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace JourneyMapper.Worker.Tests.Configuration;

public sealed class OptionsValidationTests
{
    private const string Bootstrap = "JourneyMapper:Kafka:BootstrapServers";

    [Fact]
    public void MissingBootstrapServersNamesTheKeyAndTheEnvironmentVariable()
    {
        var failures = Failures(new() { [Bootstrap] = "" });

        var failure = Assert.Single(failures);
        Assert.Equal(
            "JourneyMapper:Kafka:BootstrapServers is required: set the Kafka bootstrap servers, e.g. localhost:9092 in appsettings.json "
            + "or in the environment variable JOURNEYMAPPER__KAFKA__BOOTSTRAPSERVERS.",
            failure);
    }

    [Fact]
    public async Task MissingBootstrapServersStopsTheServiceAtStartWithExitCode2()
    {
        using var host = Build(new() { [Bootstrap] = "" });

        Assert.Equal(2, await JourneyMapperHost.RunAsync(host));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:0")]
    [InlineData("broker1:9092,broker2")]
    [InlineData(":9092")]
    public void MalformedBootstrapServersAreRejected(string servers)
    {
        var failure = Assert.Single(Failures(new() { [Bootstrap] = servers }));
        Assert.StartsWith($"{Bootstrap} is '{servers}': every entry must be host:port", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBrokersAreAccepted() => Assert.Empty(Failures(new() { [Bootstrap] = "b1:9092, b2:9093,10.0.0.3:9094" }));

    [Fact]
    public void EveryBadValueIsReportedAtOnce()
    {
        var failures = Failures(new()
        {
            [Bootstrap] = "b1:9092",
            ["JourneyMapper:Kafka:ApplicationId"] = "journey mapper",
            ["JourneyMapper:Streams:CommitIntervalMs"] = "0",
            ["JourneyMapper:Streams:NumStreamThreads"] = "0",
            ["JourneyMapper:Topics:Segments"] = "journey/segments",
            ["JourneyMapper:Topics:Input:0"] = "journey.dlq",
        });

        Assert.Equal(
        [
            "JourneyMapper:Kafka:ApplicationId is 'journey mapper': use letters, digits, '.', '_' or '-' (it names the consumer group and internal topics).",
            "JourneyMapper:Streams:CommitIntervalMs is 0: use a positive number of milliseconds, e.g. 1000.",
            "JourneyMapper:Streams:NumStreamThreads is 0: use 1 to 64 (more threads than input partitions sit idle).",
            "JourneyMapper:Topics:Segments is 'journey/segments': a topic name is 1-249 characters of letters, digits, '.', '_' or '-'.",
            "JourneyMapper:Topics:Input contains the output topic 'journey.dlq': the service would read its own output; choose distinct names.",
        ],
        failures.Order(StringComparer.Ordinal).ToList().OrderBy(Section).ToList());
    }

    [Fact]
    public void ConfiguredInputTopicsReplaceTheDefaultRatherThanAddToIt()
    {
        using var host = Build(new() { [Bootstrap] = "b1:9092", ["JourneyMapper:Topics:Input:0"] = "web.clicks", ["JourneyMapper:Topics:Input:1"] = "app.clicks" });

        Assert.Equal(["web.clicks", "app.clicks"], host.Services.GetRequiredService<IOptions<JourneyTopics>>().Value.Input);
    }

    [Fact]
    public void DefaultsMatchTheSpec()
    {
        using var host = Build(new() { [Bootstrap] = "b1:9092" });
        var topics = host.Services.GetRequiredService<IOptions<JourneyTopics>>().Value;
        var kafka = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;

        Assert.Equal(["clickstream.events"], topics.Input);
        Assert.Equal("journey.dlq", topics.DeadLetterQueue);
        Assert.Equal("journey.segments", topics.Segments);
        Assert.Equal("journey-mapper", kafka.ApplicationId);
    }

    private static int Section(string failure) => failure.Split(' ')[0] switch
    {
        var key when key.StartsWith("JourneyMapper:Kafka", StringComparison.Ordinal) => 0,
        var key when key.StartsWith("JourneyMapper:Streams", StringComparison.Ordinal) => 1,
        var key when key.StartsWith("JourneyMapper:Topics:Input", StringComparison.Ordinal) => 3,
        _ => 2,
    };

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return JourneyMapperHost.ConfigurationFailures(host.Services);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        // These checks are about the other sections: JSON needs no schema registry URL.
        settings.TryAdd("JourneyMapper:Serialization:Format", "Json");
        return TestHost.Build(settings);
    }
}
