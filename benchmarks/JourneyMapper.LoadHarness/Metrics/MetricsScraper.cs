namespace JourneyMapper.LoadHarness.Metrics;

/// <summary>
/// Reads instances' <c>/metrics</c> endpoints into <see cref="PrometheusScrape"/>s. A failed scrape throws rather than
/// yielding an empty one, since an empty scrape would read as "nothing was processed" in a run's report.
/// </summary>
public sealed class MetricsScraper : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Scrapes with a client of its own, disposed with this scraper.</summary>
    public MetricsScraper()
        : this(new HttpClient(), ownsHttp: true)
    {
    }

    /// <summary>Scrapes with <paramref name="http"/> (its timeout and handler), which the caller keeps and disposes.</summary>
    public MetricsScraper(HttpClient http)
        : this(http, ownsHttp: false)
    {
    }

    private MetricsScraper(HttpClient http, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        (_http, _ownsHttp) = (http, ownsHttp);
    }

    /// <summary>
    /// GETs <paramref name="metricsUri"/> and parses the answer. Throws <see cref="HttpRequestException"/> (with its
    /// <see cref="HttpRequestException.StatusCode"/>) when the instance answers with a non-success status, and a
    /// <see cref="FormatException"/> naming the URI when the answer is not Prometheus text.
    /// </summary>
    public async Task<PrometheusScrape> ScrapeAsync(Uri metricsUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricsUri);
        using var response = await _http.GetAsync(metricsUri, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"scraping {metricsUri} failed: {(int)response.StatusCode} {response.ReasonPhrase}", inner: null, response.StatusCode);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return PrometheusScrape.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{metricsUri} did not answer Prometheus text: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
