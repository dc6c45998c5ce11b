using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using JourneyMapper.Streams.Processors;

namespace JourneyMapper.Streams;

/// <summary>
/// Every metric of one runtime instance, as Kafka Streams' <c>KafkaStreams.metrics()</c> gives them: counters, gauges
/// and histograms, each a name plus tags (Kafka Streams' tag names: <c>processor-node-id</c>, <c>task-id</c>,
/// <c>thread-id</c>, <c>topic</c>, ...). The values live here, in cells the stream threads update without locks
/// (a handle is resolved once and kept; an update is then an interlocked add). They leave by two doors, with the same
/// values: <see cref="Collect"/>, a snapshot of every series (what a host renders as Prometheus text); and a
/// <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/> (what OpenTelemetry's MeterProvider
/// subscribes to), whose counters and gauges are observable instruments reading these cells and whose histograms
/// receive each observation too, while a listener is subscribed, with the same bucket bounds as advice.
/// Safe to read from any thread while stream threads update it.
/// </summary>
public sealed class StreamsMetrics : IDisposable
{
    public const string MeterName = "JourneyMapper.Streams";

    public const string ProcessorNodeIdTag = "processor-node-id";
    public const string TaskIdTag = "task-id";
    public const string ThreadIdTag = "thread-id";
    public const string TopicTag = "topic";
    public const string PartitionTag = "partition";
    public const string StoreTag = "store";
    public const string StateTag = "state";
    public const string ErrorCodeTag = "error-code";

    /// <summary>The tag key of <see cref="ProcessorMetrics.Counter(string, string?)"/>'s label.</summary>
    public const string LabelTag = "label";

    public const string LateRecords = "late-records-total";
    public const string SkippedRecords = "skipped-records-total";
    public const string RecordsConsumed = "records-consumed-total";
    public const string DeadLetterRecords = "dead-letter-records-total";
    public const string CommitLatency = "commit-latency-seconds";
    public const string RecordsLag = "records-lag";
    public const string RecordsRestored = "records-restored-total";
    public const string RestoreRemainingRecords = "restore-remaining-records";
    public const string ActiveTasks = "active-tasks";
    public const string AssignedPartitions = "assigned-partitions";
    public const string ClientState = "client-state";
    public const string StoreNativeBytes = "state-store-native-bytes";
    public const string OffsetResets = "offset-resets-total";

    private const int UnknownType = -1;

    private readonly ConcurrentDictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly Meter _meter = new(MeterName);

    public StreamsMetrics()
    {
        Describe(LateRecords, "Records that arrived after their window had closed (sent to the late-records stream, never dropped unseen)");
        Describe(SkippedRecords, "Records skipped by the runtime");
        Describe(RecordsConsumed, "Records read from each input, repartition and table topic and processed");
        Describe(DeadLetterRecords, "Records sent to the dead-letter topic, by error code");
        Describe(CommitLatency, "Time to flush the stores and output and commit the input offsets", "s");
        Describe(RecordsLag, "Records between a partition's end and the next offset this instance reads", "{record}");
        Describe(RecordsRestored, "Changelog records replayed into the stores of tasks that moved here", "{record}");
        Describe(StoreNativeBytes, "Native memory a task's state store holds outside the managed heap", "By");
        Describe(OffsetResets, "Automatic offset resets of the clients (auto.offset.reset): from behind a log's start, the records in between were deleted before they were read");
        Describe(RestoreRemainingRecords, "Changelog records still to replay before the tasks being restored can process", "{record}");
        Describe(ActiveTasks, "Tasks a stream thread runs", "{task}");
        Describe(AssignedPartitions, "Partitions assigned to a stream thread's consumer", "{partition}");
        Describe(ClientState, "1 for the state the instance is in (CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, ERROR), 0 for the others");
    }

    /// <summary>
    /// Sets the help text and unit of a metric name (the Prometheus <c># HELP</c> line, the OpenTelemetry description and
    /// unit). Describe before the first series is created for OpenTelemetry to see it too.
    /// </summary>
    public void Describe(string name, string description, string? unit = null)
    {
        var family = _families.GetOrAdd(name, static n => new Family(n));
        lock (family)
        {
            family.Description = description;
            family.Unit = unit ?? family.Unit;
        }
    }

    /// <summary>The counter of <paramref name="name"/> with these tags; the same cell for the same name and tags.</summary>
    public MetricCounter Counter(string name, params ReadOnlySpan<MetricTag> tags) => new(CounterCell(name, tags));

    /// <summary>A histogram with <see cref="HistogramBuckets.LatencySeconds"/> unless the name was first created with other buckets.</summary>
    public MetricHistogram Histogram(string name, params ReadOnlySpan<MetricTag> tags) => Histogram(name, HistogramBuckets.LatencySeconds, tags);

    /// <summary>The histogram of <paramref name="name"/> with these tags; a name keeps the buckets it was first created with.</summary>
    public MetricHistogram Histogram(string name, HistogramBuckets buckets, params ReadOnlySpan<MetricTag> tags)
    {
        var family = FamilyOf(name, MetricType.Histogram, buckets);
        var key = SeriesKey(tags, out var sorted);
        return ((HistogramSeries)family.Series.GetOrAdd(
            key, static (_, state) => new HistogramSeries(state.sorted, new MetricHistogram(state.family.Buckets!, state.family.Instrument, OtelTags(state.sorted))),
            (family, sorted))).Histogram;
    }

    /// <summary>
    /// A gauge the owner sets (<see cref="MetricGauge.Set"/>, <see cref="MetricGauge.Add"/>); the same one for the same
    /// name and tags. Disposing it removes the series.
    /// </summary>
    public MetricGauge Gauge(string name, params ReadOnlySpan<MetricTag> tags)
    {
        var family = FamilyOf(name, MetricType.Gauge);
        var key = SeriesKey(tags, out var sorted);
        while (true)
        {
            var series = (GaugeSeries)family.Series.GetOrAdd(key, static (k, state) =>
            {
                var gauge = new MetricGauge(state.self, state.family.Name, k);
                return new GaugeSeries(state.sorted, () => gauge.Value, gauge);
            }, (self: this, family, sorted));
            if (series.Settable is { } settable)
            {
                return settable;
            }

            // A callback gauge holds the name and tags: the settable one replaces it.
            family.Series.TryRemove(new KeyValuePair<string, Series>(key, series));
        }
    }

    /// <summary>
    /// A gauge read by calling <paramref name="read"/> at each collection (from the collecting thread: it must be safe to
    /// call there). Replaces a gauge of the same name and tags; disposing the registration removes it.
    /// </summary>
    public IDisposable Gauge(string name, Func<double> read, params ReadOnlySpan<MetricTag> tags)
    {
        ArgumentNullException.ThrowIfNull(read);
        var family = FamilyOf(name, MetricType.Gauge);
        var key = SeriesKey(tags, out var sorted);
        var series = new GaugeSeries(sorted, read, settable: null);
        family.Series[key] = series;
        return new GaugeRegistration(family, key, series);
    }

    /// <summary>
    /// A counter's or gauge's value (a histogram's count) for the series tagged with <paramref name="tagValue"/> (e.g. a
    /// processor's name), or summed over every series of the name when it is null.
    /// </summary>
    public long Get(string name, string? tagValue = null) =>
        !_families.TryGetValue(name, out var family)
            ? 0
            : family.Series.Values
                .Where(series => tagValue is null || series.Tags.Any(tag => tag.Value == tagValue))
                .Sum(series => (long)series.Read());

    /// <summary>Every counter by name and tag values (joined with commas).</summary>
    public IReadOnlyDictionary<(string Name, string Processor), long> Snapshot() =>
        _families.Values.Where(family => family.Type == (int)MetricType.Counter)
            .SelectMany(family => family.Series.Values.Select(series =>
                KeyValuePair.Create((family.Name, string.Join(',', series.Tags.Select(tag => tag.Value))), (long)series.Read())))
            .ToDictionary();

    /// <summary>Every metric with at least one series, by name, each series sorted by its tags.</summary>
    public IReadOnlyList<MetricFamilySnapshot> Collect()
    {
        var families = new List<MetricFamilySnapshot>();
        foreach (var family in _families.Values.Where(family => family.Type != UnknownType).OrderBy(family => family.Name, StringComparer.Ordinal))
        {
            var series = family.Series.OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => entry.Value.Snapshot())
                .OfType<MetricSeriesSnapshot>()
                .ToList();
            if (series.Count > 0)
            {
                families.Add(new MetricFamilySnapshot(family.Name, (MetricType)family.Type, family.Description, family.Unit, series));
            }
        }

        return families;
    }

    /// <summary>Unpublishes the meter; the values stay readable through <see cref="Collect"/>.</summary>
    public void Dispose() => _meter.Dispose();

    /// <summary>The cell of a processor's counter, for the runtime's own processors.</summary>
    internal StrongBox<long> Counter(string name, string processor) => CounterCell(name, [new MetricTag(ProcessorNodeIdTag, processor)]);

    internal void Remove(string name, string key, MetricGauge gauge)
    {
        if (_families.TryGetValue(name, out var family) && family.Series.TryGetValue(key, out var series) && ReferenceEquals((series as GaugeSeries)?.Settable, gauge))
        {
            family.Series.TryRemove(new KeyValuePair<string, Series>(key, series));
        }
    }

    private StrongBox<long> CounterCell(string name, ReadOnlySpan<MetricTag> tags)
    {
        var family = FamilyOf(name, MetricType.Counter);
        var key = SeriesKey(tags, out var sorted);
        return ((CounterSeries)family.Series.GetOrAdd(key, static (_, sorted) => new CounterSeries(sorted), sorted)).Cell;
    }

    private Family FamilyOf(string name, MetricType type, HistogramBuckets? buckets = null)
    {
        var family = _families.GetOrAdd(name, static n => new Family(n));
        if (family.Type == (int)type)
        {
            return family;
        }

        lock (family)
        {
            if (family.Type == UnknownType)
            {
                family.Buckets = buckets;
                Publish(family, type);
                family.Type = (int)type;
            }
            else if (family.Type != (int)type)
            {
                throw new InvalidOperationException($"metric '{name}' is a {(MetricType)family.Type}, not a {type}");
            }
        }

        return family;
    }

    private void Publish(Family family, MetricType type)
    {
        switch (type)
        {
            case MetricType.Counter:
                _meter.CreateObservableCounter(family.Name, () => family.Observe(series => (long)series.Read()), family.Unit, family.Description);
                break;
            case MetricType.Gauge:
                _meter.CreateObservableGauge(family.Name, () => family.Observe(series => series.Read()), family.Unit, family.Description);
                break;
            case MetricType.Histogram:
                family.Instrument = _meter.CreateHistogram(
                    family.Name, family.Unit, family.Description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = family.Buckets!.UpperBounds });
                break;
        }
    }

    // One key per name and tag set, whatever order the caller lists the tags in.
    private static string SeriesKey(ReadOnlySpan<MetricTag> tags, out MetricTag[] sorted)
    {
        sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return string.Join('\u001f', sorted.Select(tag => tag.Key + "=" + tag.Value));
    }

    private static KeyValuePair<string, object?>[] OtelTags(MetricTag[] tags) =>
        [.. tags.Select(tag => KeyValuePair.Create(tag.Key, (object?)tag.Value))];

    private sealed class Family(string name)
    {
        public string Name { get; } = name;

        public volatile int Type = UnknownType;

        public string? Description { get; set; }

        public string? Unit { get; set; }

        public HistogramBuckets? Buckets { get; set; }

        public Histogram<double>? Instrument { get; set; }

        public ConcurrentDictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);

        public List<Measurement<T>> Observe<T>(Func<Series, T> value)
            where T : struct =>
            Series.Values.Select(series => new Measurement<T>(value(series), series.OtelTags)).ToList();
    }

    private abstract class Series(MetricTag[] tags)
    {
        public MetricTag[] Tags { get; } = tags;

        public KeyValuePair<string, object?>[] OtelTags { get; } = StreamsMetrics.OtelTags(tags);

        public abstract double Read();

        public virtual MetricSeriesSnapshot? Snapshot() => new(Tags, Read());
    }

    private sealed class CounterSeries(MetricTag[] tags) : Series(tags)
    {
        public StrongBox<long> Cell { get; } = new();

        public override double Read() => Interlocked.Read(ref Cell.Value);
    }

    private sealed class HistogramSeries(MetricTag[] tags, MetricHistogram histogram) : Series(tags)
    {
        public MetricHistogram Histogram { get; } = histogram;

        public override double Read() => Histogram.Count;

        public override MetricSeriesSnapshot Snapshot()
        {
            var snapshot = Histogram.Snapshot();
            return new MetricSeriesSnapshot(Tags, snapshot.Count, snapshot);
        }
    }

    private sealed class GaugeSeries(MetricTag[] tags, Func<double> read, MetricGauge? settable) : Series(tags)
    {
        public MetricGauge? Settable { get; } = settable;

        public override double Read() => read();

        // A gauge that cannot be read now (e.g. its store closing) is left out of this collection rather than failing it.
        public override MetricSeriesSnapshot? Snapshot()
        {
            try
            {
                return new MetricSeriesSnapshot(Tags, read());
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                return null;
            }
        }
    }

    private sealed class GaugeRegistration(Family family, string key, GaugeSeries series) : IDisposable
    {
        public void Dispose() => family.Series.TryRemove(new KeyValuePair<string, Series>(key, series));
    }
}
