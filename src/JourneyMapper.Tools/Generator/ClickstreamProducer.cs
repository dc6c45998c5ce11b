using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Sends generated records to a Kafka topic, paced to a target rate, until a count is reached, the
/// records run out or the token fires. Uses fire-and-forget Produce with a delivery handler, because
/// awaiting every ProduceAsync would cap throughput at one round trip per record.
/// </summary>
public sealed class ClickstreamProducer
{
    /// <summary>The name of the thread a run sends from, for tools that account CPU time by thread.</summary>
    public const string ThreadName = "clickstream-producer";

    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MinPacingDelay = TimeSpan.FromMilliseconds(1);

    private readonly string _bootstrapServers;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _extraConfig;
    private readonly ILogger _logger;

    public ClickstreamProducer(
        string bootstrapServers,
        string topic,
        IEnumerable<KeyValuePair<string, string>>? producerConfig = null,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        _bootstrapServers = bootstrapServers;
        Topic = topic;
        _extraConfig = producerConfig?.ToList() ?? [];
        _logger = logger ?? NullLogger.Instance;
    }

    public string Topic { get; }

    /// <summary>How long the final flush waits for outstanding deliveries, also after cancellation.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a paced run takes to reach its rate, rising linearly from none, as load tests ramp up: a consumer that
    /// has just started (cold code, empty caches) is not met by the full rate at once. Zero: the full rate from the start.
    /// </summary>
    public TimeSpan RampUp { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Whether the client reports each record's delivery, to be tallied (the default). Off, it reports none: a callback
    /// per record less, for a caller that checks what reached the topic by its offsets instead; the counts then say only
    /// what was sent, and a rejected record is only logged.
    /// </summary>
    public bool TallyDeliveries { get; init; } = true;

    /// <summary>Sends the generator's raw records (malformed ones included when InvalidRate &gt; 0).</summary>
    public Task<ProducedCounts> RunAsync(
        ClickstreamGenerator generator,
        double eventsPerSecond = 0,
        long? maxRecords = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return RunAsync(generator.StreamRaw(), eventsPerSecond, maxRecords, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="records"/> at <paramref name="eventsPerSecond"/> (0 = flat out), stopping after
    /// <paramref name="maxRecords"/> or when <paramref name="cancellationToken"/> fires; then flushes. Cancellation
    /// ends the run normally and returns the counts so far, since stopping is the expected way to end a stream.
    /// </summary>
    public Task<ProducedCounts> RunAsync(
        IEnumerable<RawClickRecord> records,
        double eventsPerSecond = 0,
        long? maxRecords = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (double.IsNaN(eventsPerSecond) || eventsPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), eventsPerSecond, "must be 0 (unlimited) or positive");
        }

        if (maxRecords is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecords), maxRecords, "must not be negative");
        }

        // Produce, the pacing waits and Flush block for the whole run: a thread of its own, not the thread pool. Pacing
        // through timer continuations woke a pool worker every millisecond, and idle workers spin before they sleep, which
        // took CPU from the consumers this producer feeds when they share the machine.
        return Task.Factory.StartNew(
            () =>
            {
                Thread.CurrentThread.Name = ThreadName;
                return ProduceAll(records, eventsPerSecond, maxRecords ?? long.MaxValue, cancellationToken);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private ProducedCounts ProduceAll(IEnumerable<RawClickRecord> records, double rate, long maxRecords, CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var tally = new DeliveryTally(this);
        using var producer = BuildProducer();
        ClickstreamProducerLog.Started(_logger, Topic, _bootstrapServers, rate);

        var clock = new Stopwatch();
        long sent = 0;
        using (var source = records.GetEnumerator())
        {
            while (sent < maxRecords && !cancellationToken.IsCancellationRequested && source.MoveNext())
            {
                // The schedule starts with the first record: the time the source took to set up is not made up in a burst.
                clock.Start();
                if (rate > 0 && !Pace(clock, DueTime(sent, rate, RampUp), cancellationToken))
                {
                    break;
                }

                var record = source.Current;
                if (Send(producer, new Message<string, byte[]> { Key = record.Key, Value = record.Value }, tally, cancellationToken))
                {
                    sent++;
                }
            }
        }

        var pending = producer.Flush(FlushTimeout);
        if (pending > 0)
        {
            ClickstreamProducerLog.FlushIncomplete(_logger, pending);
        }

        var counts = TallyDeliveries
            ? new ProducedCounts(sent, tally.Delivered, tally.Failed, clock.Elapsed)
            : new ProducedCounts(sent, null, null, clock.Elapsed);
        ClickstreamProducerLog.Finished(_logger, counts.Sent, counts.Delivered, counts.Failed, counts.Elapsed);
        return counts;
    }

    /// <summary>
    /// When record number <paramref name="sent"/> is due, from the first record's: at <paramref name="rate"/>, after a
    /// linear ramp from none over <paramref name="rampUp"/>, in which rate·t²/(2·ramp) records go by time t.
    /// </summary>
    public static TimeSpan DueTime(long sent, double rate, TimeSpan rampUp)
    {
        var ramp = rampUp.TotalSeconds;
        var inRamp = rate * ramp / 2;
        return TimeSpan.FromSeconds(sent < inRamp ? Math.Sqrt(2 * ramp * sent / rate) : (sent / rate) + (ramp / 2));
    }

    /// <summary>Waits until <paramref name="due"/> on <paramref name="clock"/>; false when cancelled meanwhile.</summary>
    private static bool Pace(Stopwatch clock, TimeSpan due, CancellationToken cancellationToken)
    {
        // Due times come from the run's start, not the previous record, so timer slack never accumulates.
        var ahead = due - clock.Elapsed;
        return ahead < MinPacingDelay || !cancellationToken.WaitHandle.WaitOne(ahead);
    }

    /// <summary>Hands one record to the client; false when it was never enqueued (cancelled while the queue was full).</summary>
    private bool Send(IProducer<string, byte[]> producer, Message<string, byte[]> message, DeliveryTally tally, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                producer.Produce(Topic, message, TallyDeliveries ? tally.OnDelivery : null);
                return true;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue drains as deliveries complete; polling serves those callbacks meanwhile.
                if (cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                producer.Poll(QueueFullBackoff);
            }
            catch (ProduceException<string, byte[]> e)
            {
                tally.OnRejected(e.Error.Reason);
                return true;
            }
        }
    }

    private IProducer<string, byte[]> BuildProducer()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = _bootstrapServers,
            ClientId = "journeymapper-clickstream-generator",
            LingerMs = 5,

            // Delivery is only tallied, from the report's error: reading back its key, value, headers and timestamp
            // cost the poll thread about a microsecond a record.
            DeliveryReportFields = "none",
            EnableDeliveryReports = TallyDeliveries,

            // As Java producers (and the service's own) place keys, so that events land with their customer's profile.
            Partitioner = Partitioner.Murmur2Random,
        };

        foreach (var (key, value) in _extraConfig)
        {
            config.Set(key, value);
        }

        return new ProducerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, error) => ClickstreamProducerLog.ClientError(_logger, error.Code, error.Reason))
            .SetLogHandler((_, log) => ClickstreamProducerLog.ClientLog(_logger, log.Facility, log.Message))
            .Build();
    }

    /// <summary>Delivery outcomes, updated from librdkafka's callback thread.</summary>
    private sealed class DeliveryTally(ClickstreamProducer owner)
    {
        private long _delivered;
        private long _failed;

        public long Delivered => Interlocked.Read(ref _delivered);
        public long Failed => Interlocked.Read(ref _failed);

        public void OnDelivery(DeliveryReport<string, byte[]> report)
        {
            if (report.Error.IsError)
            {
                OnRejected(report.Error.Reason);
            }
            else
            {
                Interlocked.Increment(ref _delivered);
            }
        }

        public void OnRejected(string reason)
        {
            var failed = Interlocked.Increment(ref _failed);

            // An unreachable cluster fails every record: log the first few, then only every ten thousandth.
            if (failed <= 5 || failed % 10_000 == 0)
            {
                ClickstreamProducerLog.DeliveryFailed(owner._logger, owner.Topic, failed, reason);
            }
        }
    }
}
