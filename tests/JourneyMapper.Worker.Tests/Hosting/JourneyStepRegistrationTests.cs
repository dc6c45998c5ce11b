using JourneyMapper.Journeys;
using JourneyMapper.Streams;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JourneyMapper.Worker.Tests.Hosting;

public sealed class JourneyStepRegistrationTests
{
    private sealed class MobileEvents : IJourneyTopologyExtension
    {
        public void Extend(JourneyStreams streams) => streams.DeduplicatedEvents
            .Filter((_, click) => click.Channel == "mobile", "mobile-events")
            .To("journey.mobile-events", Produced.With(Serdes.String, streams.Serdes.ClickEvents), named: "mobile-events-sink");
    }

    [Fact]
    public void ARegisteredStepIsPartOfTheServicesTopology()
    {
        using var host = TestHost.Build(
            new Dictionary<string, string?>
            {
                ["JourneyMapper:Kafka:BootstrapServers"] = "localhost:9092",
                ["JourneyMapper:Serialization:Format"] = "Json",
            },
            builder => builder.Services.AddJourneyStep<MobileEvents>());

        var topology = host.Services.GetRequiredService<Topology>();

        Assert.Contains("journey.mobile-events", topology.SinkTopics);
        Assert.Contains("Processor: mobile-events (stores: [])", topology.Describe().ToString(), StringComparison.Ordinal);
    }
}
