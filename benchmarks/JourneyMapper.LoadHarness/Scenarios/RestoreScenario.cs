using System.Diagnostics;
using System.Globalization;
using JourneyMapper.Journeys;
using JourneyMapper.LoadHarness.Metrics;
using JourneyMapper.LoadHarness.Report;
using JourneyMapper.LoadHarness.Services;
using Confluent.Kafka;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>One restore run, as the command line gave it.</summary>
public sealed record RestoreSettings
{
    /// <summary>The target: state restore of 1,000,000 open sessions at 300,000 records/s or more.</summary>
    public const double TargetRecordsPerSecond = 300_000;

    /// <summary>The mock keeps about the last 5 MB of each partition (older batches are deleted).</summary>
    public const long MockPartitionRetentionBytes = 5L * 1024 * 1024;

    /// <summary>How full the automatic partition count lets the average partition get, of <see cref="MockPartitionRetentionBytes"/>.</summary>
    public const double AutoPartitionFill = 0.8;

    public int Sessions { get; init; } = 1_000_000;

    /// <summary>Partitions of every topic, the changelog's included; 0 picks the fewest that fit <see cref="Sessions"/> with margin.</summary>
    public int Partitions { get; init; }

    public int Brokers { get; init; } = 3;

    public ServiceHosting Hosting { get; init; } = ServiceHosting.ChildProcess;

    public int Seed { get; init; } = 42;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public string? ReportPath { get; init; }

    public string LogDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "journeymapper-bench");
}

/// <summary>
/// The restore run: fill the session store's changelog with open sessions (the service's own sessionizer and
/// encoding, each on its customer's partition), read it once with the raw client (<see cref="ChangelogRead"/>), then
/// start one service instance on it and time it from process start to <c>/health/ready</c> (which turns ready only once
/// every task is restored), scraping <c>/metrics</c> meanwhile for the records restored over time.
/// </summary>
public static partial class RestoreScenario
{
    private const string ServiceName = "restore-service";
    private const string RecordsRestored = "journeymapper_records_restored_total";
    private const string RestoreRemaining = "journeymapper_restore_remaining_records";
    private const string SessionsOpen = "journeymapper_sessions_open";
    private const string CpuSeconds = "journeymapper_process_cpu_seconds_total";
    private const string HeapBytes = "journeymapper_gc_heap_size_bytes";
    private const string StoreNativeBytes = "journeymapper_state_store_native_bytes";
    private const string StoreLabel = "store";

    // Per record: length, attributes, timestamp and offset deltas, key and value lengths, header count (record batch v2).
    private const int RecordFramingBytes = 12;
    private const int SizeSample = 2_000;

    private static readonly TimeSpan AfterReady = TimeSpan.FromSeconds(1);

    public static async Task<RestoreReport> RunAsync(RestoreSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Sessions, 1);
        var started = DateTimeOffset.UtcNow;

        // Every session ends in the last few minutes before now: the restored service keeps them all open (OpenSessionSource).
        var newestEnd = started.ToUnixTimeMilliseconds();
        var partitions = settings.Partitions > 0 ? settings.Partitions : AutoPartitions(settings, newestEnd, log);
        var benchSettings = new BenchSettings
        {
            Partitions = partitions,
            Brokers = settings.Brokers,
            Instances = 1,
            Hosting = settings.Hosting,
            PassThrough = false,
            Seed = settings.Seed,
            LogDirectory = settings.LogDirectory,
            ReportPath = settings.ReportPath,
        };
        await using var environment = await BenchEnvironment.StartAsync(benchSettings, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"cluster {environment.Cluster.BootstrapServers}; {partitions} partitions; child logs in {settings.LogDirectory}").ConfigureAwait(false);

        var source = new OpenSessionSource(BenchEnvironment.ApplicationId, settings.Seed, newestEnd);
        RequireTopic(environment.Cluster.BootstrapServers, source.ChangelogTopic, partitions);
        await CheckPartitionerAsync(environment, partitions, cancellationToken).ConfigureAwait(false);
        var fill = await Task.Run(
            () => SessionChangelogFill.Run(environment.Cluster.BootstrapServers, source, settings.Sessions, partitions, log, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync(
            $"fill done: {fill.SessionsWritten:N0} sessions ({fill.AverageRecordBytes:F0} B each, largest partition {fill.LargestPartitionPayloadBytes / 1048576.0:F2} MiB) "
            + $"in {fill.Seconds:F1} s; low watermarks all 0").ConfigureAwait(false);

        var rawClient = await ChangelogReadCommand.RunAsync(environment, source.ChangelogTopic, partitions, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync(
            $"raw client: {rawClient.Records:N0} records read in {rawClient.Seconds:F2} s ({rawClient.RecordsPerSecond:N0} records/s, "
            + $"{rawClient.CpuSeconds:F1} CPU s)").ConfigureAwait(false);
        var service = await MeasureServiceAsync(environment, settings, log, cancellationToken).ConfigureAwait(false);
        return new RestoreReport
        {
            Started = started,
            Machine = MachineInfo.Current(),
            Settings = settings,
            Partitions = partitions,
            Fill = fill,
            RawClient = rawClient,
            Service = service,
        };
    }

    // The fewest partitions whose average share of the sessions stays under AutoPartitionFill of the mock's retention,
    // from the size of the first sessions the fill will write.
    private static int AutoPartitions(RestoreSettings settings, long newestEnd, TextWriter log)
    {
        var sample = new OpenSessionSource(BenchEnvironment.ApplicationId, settings.Seed, newestEnd)
            .Records(Math.Min(SizeSample, settings.Sessions))
            .Select(record => record.Key.Length + record.Value.Length + RecordFramingBytes)
            .Average();
        var partitions = (int)Math.Ceiling(settings.Sessions * sample / (RestoreSettings.MockPartitionRetentionBytes * RestoreSettings.AutoPartitionFill));
        log.WriteLine($"sessions take {sample:F0} B each in a batch: {partitions} partitions keep each under {RestoreSettings.AutoPartitionFill:P0} of the mock's 5 MiB");
        return Math.Max(1, partitions);
    }

    private static void RequireTopic(string bootstrapServers, string topic, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.SingleOrDefault(found => found.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count != partitions)
        {
            throw new InvalidOperationException(
                $"the session store's changelog {topic} is not among the topics the environment created with {partitions} partitions "
                + $"({metadata?.Error.Reason ?? "absent"}, {metadata?.Partitions.Count ?? 0} partitions): has the store or the topic naming changed?");
        }
    }

    // Murmur2Partitioner against librdkafka's murmur2 partitioner, which the service's producers use, on customer keys.
    private static async Task CheckPartitionerAsync(BenchEnvironment environment, int partitions, CancellationToken cancellationToken)
    {
        const string Topic = "bench.restore.partitioner-check";
        const int Keys = 500;
        environment.Cluster.CreateTopic(Topic, partitions);
        using var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig
        {
            BootstrapServers = environment.Cluster.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
        }).Build();
        var keys = Enumerable.Range(0, Keys)
            .Select(i => System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(i % 3 == 0 ? "anon-" + i.ToString("x8", CultureInfo.InvariantCulture) + "-" : "user-")}{i:D7}")))
            .ToList();
        var results = await Task.WhenAll(keys.Select(key => producer.ProduceAsync(Topic, new Message<byte[], byte[]?> { Key = key, Value = null }, cancellationToken)))
            .ConfigureAwait(false);
        var wrong = results.Count(result => result.Partition.Value != Murmur2Partitioner.PartitionOf(result.Message.Key, partitions));
        if (wrong > 0)
        {
            throw new InvalidOperationException($"the harness's murmur2 placed {wrong} of {Keys} keys on another partition than librdkafka's murmur2_random partitioner");
        }
    }

    private static async Task<ServiceRestore> MeasureServiceAsync(BenchEnvironment environment, RestoreSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var scraper = new MetricsScraper(http);
        var samples = new List<RestoreSample>();
        var clock = Stopwatch.StartNew();
        await using var instance = await ServiceInstance.StartAsync(environment, ServiceName, cancellationToken).ConfigureAwait(false);
        var process = instance.Process;
        var logPath = (process as ChildProcess)?.LogPath;
        var logHint = logPath is null ? "" : $"; see {logPath}";
        await log.WriteLineAsync($"service started ({settings.Hosting}); waiting for {instance.ReadyUri}").ConfigureAwait(false);
        var lastLogged = -1;
        while (true)
        {
            var tick = clock.Elapsed;
            if (tick > settings.ReadyTimeout)
            {
                throw new TimeoutException($"the service was not ready within {settings.ReadyTimeout.TotalSeconds:F0} s ({instance.ReadyUri}){logHint}");
            }

            if (process is ChildProcess { HasExited: true })
            {
                throw new InvalidOperationException($"the service exited before it was ready{logHint}");
            }

            var ready = await instance.IsReadyAsync(http, cancellationToken).ConfigureAwait(false);
            var sample = Sample(tick.TotalSeconds, ready, await TryScrapeAsync(scraper, instance.MetricsUri, cancellationToken).ConfigureAwait(false));
            samples.Add(sample);
            if ((int)tick.TotalSeconds > lastLogged)
            {
                lastLogged = (int)tick.TotalSeconds;
                await log.WriteLineAsync(
                    $"restore   {tick.TotalSeconds,5:F1} s  {(sample.MetricsUp ? "up" : "starting")}  restored {sample.RecordsRestored,11:N0}  "
                    + $"remaining (current tasks) {sample.RemainingRecords,9:N0}{(ready ? "  READY" : "")}").ConfigureAwait(false);
            }

            if (ready)
            {
                break;
            }

            var wait = settings.ScrapeInterval - (clock.Elapsed - tick);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        var usage = process.Usage();

        // The open-sessions gauge and the heap as they stand once restored, a moment later.
        await Task.Delay(AfterReady, cancellationToken).ConfigureAwait(false);
        var after = Sample(clock.Elapsed.TotalSeconds, ready: true, await TryScrapeAsync(scraper, instance.MetricsUri, cancellationToken).ConfigureAwait(false));
        await process.StopAsync().ConfigureAwait(false);
        return ServiceRestore.From(settings, samples, after, usage, process.SharesHarnessProcess, logPath);
    }

    // Null while the endpoint does not answer yet (the host is still starting).
    private static async Task<PrometheusScrape?> TryScrapeAsync(MetricsScraper scraper, Uri metricsUri, CancellationToken cancellationToken)
    {
        try
        {
            return await scraper.ScrapeAsync(metricsUri, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static RestoreSample Sample(double seconds, bool ready, PrometheusScrape? scrape) => scrape is null
        ? new RestoreSample(seconds, MetricsUp: false, ready, 0, 0, 0, null, null, null, null)
        : new RestoreSample(
            seconds,
            MetricsUp: true,
            ready,
            (long)scrape.Sum(RecordsRestored),
            (long)scrape.Sum(RecordsRestored, (StoreLabel, JourneyTopology.SessionStore)),
            (long)scrape.Sum(RestoreRemaining),
            scrape.Samples(SessionsOpen).Count > 0 ? scrape.Sum(SessionsOpen) : null,
            scrape.Samples(CpuSeconds).Count > 0 ? scrape.Sum(CpuSeconds) : null,
            scrape.Samples(HeapBytes).Count > 0 ? scrape.Sum(HeapBytes) : null,
            scrape.Samples(StoreNativeBytes).Count > 0 ? scrape.Sum(StoreNativeBytes) : null);
}

/// <summary>One scrape while the service started and restored; times from the process start.</summary>
public sealed record RestoreSample(
    double Seconds,
    bool MetricsUp,
    bool Ready,
    long RecordsRestored,
    long SessionRecordsRestored,
    long RemainingRecords,
    double? OpenSessions,
    double? CpuSeconds,
    double? HeapBytes,
    double? StoreNativeBytes);
