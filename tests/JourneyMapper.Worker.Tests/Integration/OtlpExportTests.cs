using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JourneyMapper.Worker.Tests.Integration;

/// <summary>With an OTLP endpoint configured, the same metrics reach an OpenTelemetry collector (here a stand-in receiver).</summary>
public sealed class OtlpExportTests
{
    [Fact(Timeout = 120_000)]
    public async Task TheRuntimesMetricsArePushedOverOtlpHttp()
    {
        var bodies = new ConcurrentQueue<byte[]>();
        await using var collector = await StartCollectorAsync(bodies);
        await using var service = await ServiceFixture.StartAsync(new Dictionary<string, string?>
        {
            ["JourneyMapper:Observability:Otlp:Endpoint"] = collector.Urls.First(),
            ["JourneyMapper:Observability:Otlp:Protocol"] = "HttpProtobuf",
            ["JourneyMapper:Observability:Otlp:ExportIntervalMs"] = "300",
        });
        using (var producer = service.CreateProducer())
        {
            var time = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
            await producer.ProduceAsync(service.Topics.Input[0], new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes("u1"),
                Value = Encoding.UTF8.GetBytes($$"""{"eventId":"e1","timestamp":{{time}},"eventType":"page_view","userId":"u1"}"""),
            });
        }

        // OTLP is protobuf: names and tag values travel as plain UTF-8 strings inside it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!bodies.Any(body => Contains(body, "records-consumed-total") && Contains(body, "clickstream.events") && Contains(body, "commit-latency-seconds")))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no export with the runtime's metrics among {bodies.Count} requests");
            await Task.Delay(200);
        }

        Assert.Contains(bodies, body => Contains(body, "JourneyMapper.Streams") && Contains(body, service.ApplicationId));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<byte[]> bodies)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            bodies.Enqueue(body.ToArray());
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
