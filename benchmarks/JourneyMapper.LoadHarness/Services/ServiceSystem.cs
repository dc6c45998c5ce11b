using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Metrics;

namespace JourneyMapper.LoadHarness.Services;

/// <summary>
/// The service as a phase measures it: one or more instances in one consumer group, each counting what it consumed
/// from the input on its own <c>/metrics</c>.
/// </summary>
public sealed class ServiceSystem : ISystemUnderTest, IAsyncDisposable
{
    public const string RecordsConsumed = "journeymapper_records_consumed_total";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly IReadOnlyList<ServiceInstance> _instances;
    private readonly MetricsScraper _scraper;

    private ServiceSystem(string inputTopic, IReadOnlyList<ServiceInstance> instances, MetricsScraper scraper)
    {
        InputTopic = inputTopic;
        _instances = instances;
        _scraper = scraper;
    }

    public string Name => "service";

    public ProcessRole Role => ProcessRole.Service;

    public string InputTopic { get; }

    public IReadOnlyList<ServiceInstance> Instances => _instances;

    public IReadOnlyList<IBenchProcess> Processes => [.. _instances.Select(instance => instance.Process)];

    /// <summary>Starts every instance and waits until each is ready (partitions assigned, state restored).</summary>
    public static async Task<ServiceSystem> StartAsync(BenchEnvironment environment, HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = environment.Settings;
        var instances = new List<ServiceInstance>();
        var system = new ServiceSystem(environment.InputTopic, instances, new MetricsScraper(http));
        try
        {
            for (var i = 1; i <= settings.Instances; i++)
            {
                instances.Add(await ServiceInstance.StartAsync(environment, $"service-{i}", cancellationToken).ConfigureAwait(false));
            }

            foreach (var instance in instances)
            {
                await instance.WaitUntilReadyAsync(http, ReadyTimeout, cancellationToken).ConfigureAwait(false);
            }

            return system;
        }
        catch
        {
            await system.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IReadOnlyList<long>> ProcessedAsync(CancellationToken cancellationToken)
    {
        var scrapes = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
        return [.. scrapes.Select(scrape => (long)scrape.Sum(RecordsConsumed, ("topic", InputTopic)))];
    }

    public async Task<IReadOnlyList<PrometheusScrape>> ScrapeAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_instances.Select(instance => _scraper.ScrapeAsync(instance.MetricsUri, cancellationToken))).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
