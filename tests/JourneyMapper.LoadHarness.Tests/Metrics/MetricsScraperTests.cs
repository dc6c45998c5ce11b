using System.Net;
using JourneyMapper.LoadHarness.Metrics;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Metrics;

/// <summary>A scrape GETs the given URI and parses it; a failed or unreadable answer throws instead of reading as zeros.</summary>
public sealed class MetricsScraperTests
{
    private static readonly Uri Endpoint = new("http://instance-1:8080/metrics");

    [Fact]
    public async Task AScrapeGetsTheUriAndParsesTheAnswer()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK, "# TYPE journeymapper_records_consumed_total counter\njourneymapper_records_consumed_total{topic=\"clicks\"} 42\n");
        using var http = new HttpClient(handler);
        using var scraper = new MetricsScraper(http);

        var scrape = await scraper.ScrapeAsync(Endpoint, CancellationToken.None);

        Assert.Equal(42, scrape.Sum("journeymapper_records_consumed_total", ("topic", "clicks")));
        Assert.Equal(HttpMethod.Get, handler.Request?.Method);
        Assert.Equal(Endpoint, handler.Request?.RequestUri);
    }

    [Fact]
    public async Task ANonSuccessStatusThrowsWithTheStatusAndUri()
    {
        using var http = new HttpClient(new ScriptedHandler(HttpStatusCode.ServiceUnavailable, "starting"));
        using var scraper = new MetricsScraper(http);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => scraper.ScrapeAsync(Endpoint, CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("scraping http://instance-1:8080/metrics failed: 503 Service Unavailable", error.Message);
    }

    [Fact]
    public async Task AnAnswerThatIsNotPrometheusTextThrowsNamingTheUri()
    {
        using var http = new HttpClient(new ScriptedHandler(HttpStatusCode.OK, "<html>login</html>\n"));
        using var scraper = new MetricsScraper(http);

        var error = await Assert.ThrowsAsync<FormatException>(() => scraper.ScrapeAsync(Endpoint, CancellationToken.None));

        Assert.StartsWith("http://instance-1:8080/metrics did not answer Prometheus text: line 1: ", error.Message, StringComparison.Ordinal);
    }

    private sealed class ScriptedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
