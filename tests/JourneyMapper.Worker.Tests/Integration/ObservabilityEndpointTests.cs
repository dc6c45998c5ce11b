using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using JourneyMapper.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JourneyMapper.Worker.Tests.Integration;

/// <summary>The running service's health and metrics endpoints, scraped over HTTP while it processes real Kafka input.</summary>
public sealed partial class ObservabilityEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task MetricsCountWhatTheServiceReadRejectedClosedAndTimedOnceItIsReady()
    {
        // Short sessions closed by the wall clock: the segment is out a few seconds after the last event.
        await using var service = await ServiceFixture.StartAsync(new Dictionary<string, string?>
        {
            ["JourneyMapper:Sessions:InactivityGap"] = "00:00:02",
            ["JourneyMapper:Sessions:GracePeriod"] = "00:00:01",
            ["JourneyMapper:Sessions:WallClockCheckInterval"] = "00:00:00.200",
        });
        using var http = Client(service);
        await WaitUntilReadyAsync(http);

        var time = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        await SendAsync(
            service,
            Click("e1", time, "page_view"),
            Click("e2", time + 1000, "product_view"), // a provisional update: window-shopper
            "this is not json",
            Click("e3", time + 2000, "product_view"),
            $$"""{"timestamp":{{time}},"eventType":"page_view","userId":"u1"}""",
            Click("e4", time + 3000, "product_view")); // a provisional update: high-intent-buyer
        Assert.Single(service.Consume(service.Topics.Segments, 1, Patience));

        var metrics = await ScrapeUntilAsync(http, text => Value(text, "journeymapper_segment_latency_seconds_count") >= 1);

        Assert.Equal(6, Value(metrics, "journeymapper_records_consumed_total", "topic=\"clickstream.events\""));
        Assert.Equal(0, Value(metrics, "journeymapper_records_consumed_total", "topic=\"customer.profiles\""));
        Assert.Equal(1, Value(metrics, "journeymapper_dead_letter_records_total", "error_code=\"deserialization-error\""));
        Assert.Equal(1, Value(metrics, "journeymapper_dead_letter_records_total", "error_code=\"missing-event-id\""));
        Assert.Equal(1, Value(metrics, "journeymapper_sessions_closed_total", "reason=\"idle-timeout\""));
        Assert.Equal(1, Value(metrics, "journeymapper_segments_total", "segment=\"high-intent-buyer\""));
        Assert.Equal(0, Value(metrics, "journeymapper_duplicates_dropped_total", "processor_node_id=\"deduplicate-events\""));
        Assert.Equal(2, Value(metrics, "journeymapper_provisional_update_latency_seconds_count", "processor_node_id=\"sessionize\""));
        Assert.Equal(1, Value(metrics, "journeymapper_segment_latency_seconds_count", "processor_node_id=\"join-profile-and-classify\""));
        Assert.Equal(1, Value(metrics, "journeymapper_segment_latency_seconds_bucket", "le=\"+Inf\""));
        Assert.True(Value(metrics, "journeymapper_commit_latency_seconds_count") > 0);
        Assert.Equal(1, Value(metrics, "journeymapper_client_state", "state=\"RUNNING\""));
        Assert.Equal(ServiceFixture.InputPartitions, Value(metrics, "journeymapper_active_tasks"));
        Assert.Equal(0, Value(metrics, "journeymapper_sessions_open"));
        Assert.Contains("# TYPE journeymapper_segment_latency_seconds histogram\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# HELP journeymapper_sessions_closed_total Sessions closed, by reason\n", metrics, StringComparison.Ordinal);

        // The lag of every input partition shows once the consumer has fetched it; all input is read by now.
        var lag = await ScrapeUntilAsync(http, text => Series(text, "journeymapper_records_lag", "topic=\"clickstream.events\"").Count == ServiceFixture.InputPartitions);
        Assert.All(Series(lag, "journeymapper_records_lag", "topic=\"clickstream.events\""), value => Assert.Equal(0, value));
    }

    [Fact(Timeout = 180_000)]
    public async Task LivenessAnswersAlwaysAndAfterARestartTheRestoredStoresAreCounted()
    {
        await using var service = await ServiceFixture.StartAsync();
        var time = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        using (var http = Client(service))
        {
            using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            await WaitUntilReadyAsync(http);
        }

        await SendAsync(service, Click("e1", time, "product_view"), Click("e2", time + 1000, "product_view"));
        await WaitForCommittedAsync(service, 2);

        await service.RestartAsync();

        using var restarted = Client(service);
        var ready = await WaitUntilReadyAsync(restarted);
        Assert.Equal("{\"ready\":true,\"state\":\"RUNNING\"}\n", ready);
        var metrics = await ScrapeUntilAsync(restarted, text => text.Contains("journeymapper_records_restored_total", StringComparison.Ordinal));
        Assert.True(Value(metrics, "journeymapper_records_restored_total", "store=\"sessions\"") > 0);
        Assert.True(Value(metrics, "journeymapper_records_restored_total", "store=\"dedup\"") > 0);
        Assert.Equal(0, Value(metrics, "journeymapper_restore_remaining_records"));
        Assert.Equal(1, Value(metrics, "journeymapper_sessions_open"));
    }

    private static HttpClient Client(ServiceFixture service) =>
        new() { BaseAddress = new Uri(service.Host.Services.GetRequiredService<ObservabilityServer>().Addresses[0]) };

    /// <summary>Polls <c>/health/ready</c>, which answers 503 until the runtime runs; returns the 200 body.</summary>
    private static async Task<string> WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return body;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("\"ready\":false", body, StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow < deadline, $"never ready: {body}");
            await Task.Delay(100);
        }
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient http, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(PrometheusTextFormat.ContentType, response.Content.Headers.ContentType!.ToString());
            var text = await response.Content.ReadAsStringAsync();
            if (done(text))
            {
                return text;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the metrics never got there:\n{text}");
            await Task.Delay(200);
        }
    }

    /// <summary>The values of every sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static List<double> Series(string text, string name, string label = "") =>
        [.. Sample().Matches(text)
            .Where(match => match.Groups["name"].Value == name && match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Select(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture))];

    /// <summary>The samples of <paramref name="name"/> with <paramref name="label"/>, summed (0 when there are none).</summary>
    private static double Value(string text, string name, string label = "") => Series(text, name, label).Sum();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    private static string Click(string id, long timestamp, string type) =>
        $$"""{"eventId":"{{id}}","timestamp":{{timestamp}},"eventType":"{{type}}","userId":"u1","productId":"p1"}""";

    private static async Task SendAsync(ServiceFixture service, params string[] values)
    {
        using var producer = service.CreateProducer();
        foreach (var value in values)
        {
            await producer.ProduceAsync(service.Topics.Input[0], new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes("u1"), Value = Encoding.UTF8.GetBytes(value) });
        }
    }

    private static async Task WaitForCommittedAsync(ServiceFixture service, long offsets)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (service.CommittedInputOffsets() < offsets)
        {
            Assert.True(DateTime.UtcNow < deadline, "the service did not commit its input in time");
            await Task.Delay(100);
        }
    }
}
