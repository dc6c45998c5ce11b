using JourneyMapper.Streams;
using JourneyMapper.Worker.Hosting;
using JourneyMapper.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace JourneyMapper.Worker.Tests.Observability;

/// <summary>Readiness by runtime state, and the start-up checks of the endpoint and OTLP settings.</summary>
public sealed class ObservabilityConfigurationTests
{
    private const string Urls = "JourneyMapper:Observability:Urls";
    private const string OtlpEndpoint = "JourneyMapper:Observability:Otlp:Endpoint";

    [Theory]
    [InlineData(null, false, "NOT_STARTED")]
    [InlineData(KafkaStreamsState.Created, false, "CREATED")]
    [InlineData(KafkaStreamsState.Rebalancing, false, "REBALANCING")]
    [InlineData(KafkaStreamsState.Running, true, "RUNNING")]
    [InlineData(KafkaStreamsState.PendingShutdown, false, "PENDING_SHUTDOWN")]
    [InlineData(KafkaStreamsState.NotRunning, false, "NOT_RUNNING")]
    [InlineData(KafkaStreamsState.Error, false, "ERROR")]
    public void OnlyARunningRuntimeIsReady(KafkaStreamsState? state, bool ready, string name)
    {
        Assert.Equal(ready, Readiness.IsReady(state));
        Assert.Equal(name, Readiness.StateName(state));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:9100")]
    [InlineData("http://localhost:0")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://127.0.0.1:8080;http://[::1]:8080")]
    [InlineData("")]
    public void EndpointAddressesKestrelCanBindAreAccepted(string urls) => Assert.Empty(Failures(new() { [Urls] = urls }));

    [Theory]
    [InlineData("https://127.0.0.1:8443", "only http is served")]
    [InlineData("http://127.0.0.1:8080/metrics", "it has a path")]
    [InlineData("127.0.0.1:8080", "it is not an address Kestrel can listen on")]
    [InlineData("http://127.0.0.1:99999", "the port must be 0 to 65535")]
    public void AnAddressKestrelCannotServeStopsTheStartNamingTheKey(string urls, string problem)
    {
        var failure = Assert.Single(Failures(new() { [Urls] = urls }));
        Assert.StartsWith($"{Urls} is '{urls}': {problem}", failure, StringComparison.Ordinal);
        Assert.Contains("e.g. http://127.0.0.1:8080", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("otel-collector:4317")]
    [InlineData("ftp://collector:4317")]
    [InlineData("not a url")]
    public void ABadOtlpEndpointStopsTheStartNamingTheKey(string endpoint)
    {
        var failure = Assert.Single(Failures(new() { [OtlpEndpoint] = endpoint }));
        Assert.StartsWith($"{OtlpEndpoint} is '{endpoint}': give the OpenTelemetry collector's absolute http:// or https:// URL", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadOtlpProtocolOrIntervalNamesItsKey()
    {
        var failures = Failures(new()
        {
            [OtlpEndpoint] = "http://collector:4317",
            ["JourneyMapper:Observability:Otlp:Protocol"] = "Thrift",
        });
        Assert.Equal(["JourneyMapper:Observability:Otlp:Protocol is 'Thrift': use Grpc or HttpProtobuf."], failures);

        var interval = Assert.Single(Failures(new() { [OtlpEndpoint] = "http://collector:4317", ["JourneyMapper:Observability:Otlp:ExportIntervalMs"] = "0" }));
        Assert.StartsWith("JourneyMapper:Observability:Otlp:ExportIntervalMs is 0", interval, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadEndpointStopsTheServiceWithExitCode2()
    {
        using var host = Build(new() { [OtlpEndpoint] = "collector" });

        Assert.Equal(2, await JourneyMapperHost.RunAsync(host));
    }

    [Fact]
    public async Task AnAddressInUseStopsTheStartWithTheKeyToChange()
    {
        using var first = Build(new() { [Urls] = "http://127.0.0.1:0" });
        var server = first.Services.GetRequiredService<ObservabilityServer>();
        await server.StartAsync(CancellationToken.None);
        var taken = server.Addresses[0];
        using var second = Build(new() { [Urls] = taken });

        var error = await Assert.ThrowsAsync<StartupException>(() => second.Services.GetRequiredService<ObservabilityServer>().StartAsync(CancellationToken.None));

        Assert.Contains($"cannot listen on {taken}", error.Message, StringComparison.Ordinal);
        Assert.Contains("set JourneyMapper:Observability:Urls to a free address", error.Message, StringComparison.Ordinal);
        await server.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task BeforeTheRuntimeStartsTheServiceIsLiveButNotReadyAndHasNoMetrics()
    {
        using var host = Build(new() { [Urls] = "http://127.0.0.1:0" });
        var server = host.Services.GetRequiredService<ObservabilityServer>();
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Addresses[0]) };

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("{\"ready\":false,\"state\":\"NOT_STARTED\"}\n", await ready.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType!.ToString());
        Assert.Equal("", await metrics.Content.ReadAsStringAsync());
        await server.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task EmptyUrlsTurnTheEndpointsOff()
    {
        using var host = Build(new() { [Urls] = "" });
        var server = host.Services.GetRequiredService<ObservabilityServer>();

        await server.StartAsync(CancellationToken.None);

        Assert.Empty(server.Addresses);
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return JourneyMapperHost.ConfigurationFailures(host.Services);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("JourneyMapper:Kafka:BootstrapServers", "127.0.0.1:1");
        settings.TryAdd("JourneyMapper:Serialization:Format", "Json");
        return TestHost.Build(settings);
    }
}
