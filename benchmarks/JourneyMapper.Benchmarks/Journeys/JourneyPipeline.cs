using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Journeys.Privacy;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// The measured system: the journey topology of <see cref="JourneyTopology"/> with default options on the test
/// driver, committed every <see cref="CommitEvery"/> records as a running application commits once per interval,
/// so that the changelogs get what a running application writes. Every <see cref="SendEvery"/> records and after
/// each commit, every topic the topology wrote (sinks, changelogs, repartition topics, dead letters) is read off the
/// driver without deserializing, as a producer lets go of a batch once sent: the driver keeps output on the managed
/// heap, where a real producer holds it in librdkafka's native buffers, so output held longer would make the garbage
/// collector's work look worse than a running application's.
/// </summary>
public sealed class JourneyPipeline : IDisposable
{
    /// <summary>About 0.2 s of input at the 500,000 events/s target: 5 times as often as the worker's default 1 s interval.</summary>
    public const int DefaultCommitEvery = 100_000;

    /// <summary>Often enough that the records read off are young garbage, as a producer's are once librdkafka copied them.</summary>
    public const int SendEvery = 100;

    private const string ApplicationId = "bench-journeys";

    private readonly TopologyTestDriver _driver;
    private readonly JourneyWorkload _workload;
    private readonly TestOutputTopic<Ignore, Ignore>[] _outputs;
    private readonly TestOutputTopic<Ignore, Ignore> _segments;

    public JourneyPipeline(JourneyWorkload workload, int commitEvery = DefaultCommitEvery)
    {
        _workload = workload;
        CommitEvery = commitEvery;
        var options = new JourneyOptions { Privacy = new PrivacyOptions { Salt = "benchmark-salt-of-sixteen-plus" } };
        var clock = new FixedClock(JourneyWorkload.Now);
        var topology = JourneyTopology.Build(options, workload.Serdes, clock);
        var config = new StreamsConfig
        {
            ApplicationId = ApplicationId,
            BootstrapServers = "unused:9092",
            DeadLetterQueueTopic = options.Topics.DeadLetterQueue,
            DeserializationExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
            ProcessingExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
        };
        _driver = new TopologyTestDriver(topology, config, JourneyWorkload.Now) { CommitEveryRecord = false };
        string[] written =
        [
            .. topology.SinkTopics.Concat(topology.InternalTopics(ApplicationId).Select(topic => topic.Name)).Append(options.Topics.DeadLetterQueue).Distinct(),
        ];
        _outputs = [.. written.Select(topic => _driver.CreateOutputTopic(topic, Deserializers.Ignore, Deserializers.Ignore))];
        _segments = _outputs[Array.IndexOf(written, options.Topics.Segments)];
        foreach (var profile in workload.Profiles)
        {
            _driver.PipeRaw(options.Topics.Profiles, profile.Key, profile.Value, profile.Timestamp);
        }

        Commit();
        (Segments, OutputRecords, CommitTime) = (0, 0, TimeSpan.Zero);
    }

    public int CommitEvery { get; }

    /// <summary>Segments of closed sessions written to <c>journey.segments</c>.</summary>
    public long Segments { get; private set; }

    /// <summary>Records written to every topic, changelogs included.</summary>
    public long OutputRecords { get; private set; }

    /// <summary>Time in commits: store flushes (changelog encoding) plus reading the records off the driver.</summary>
    public TimeSpan CommitTime { get; private set; }

    public long OpenSessions => _driver.GetSessionStore<string, JourneySession>(JourneyTopology.SessionStore).ApproximateNumEntries;

    /// <summary>What the stores hold outside the managed heap (the session store's slabs, the dedup table), which a heap probe does not see.</summary>
    public long OffHeapBytes => new[] { JourneyTopology.SessionStore, JourneyTopology.DedupStore }
        .Sum(name => _driver.GetStateStore<IStateStore>(name) is IOffHeapStore store ? store.OffHeapBytes : 0);

    public IDeduplicationStore DedupStore => _driver.GetStateStore<IDeduplicationStore>(JourneyTopology.DedupStore);

    /// <summary>Every event, committed at the interval and once at the end; the sessions stay open.</summary>
    public void PipeEvents()
    {
        var records = _workload.Records;
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            _driver.PipeRaw(JourneyWorkload.InputTopic, record.Key, record.Value, record.Timestamp);
            if ((i + 1) % CommitEvery == 0)
            {
                Commit();
            }
            else if ((i + 1) % SendEvery == 0)
            {
                Send();
            }
        }

        Commit();
    }

    /// <summary>Closes every session by stream time, so that each becomes its segment.</summary>
    public void CloseSessions()
    {
        var marker = _workload.EndMarker;
        _driver.PipeRaw(JourneyWorkload.InputTopic, marker.Key, marker.Value, marker.Timestamp);
        Commit();
    }

    public void Dispose() => _driver.Dispose();

    private void Commit()
    {
        var started = Stopwatch.GetTimestamp();
        _driver.Commit();
        Send();
        CommitTime += Stopwatch.GetElapsedTime(started);
    }

    private void Send()
    {
        foreach (var output in _outputs)
        {
            var count = output.QueueSize;
            for (var i = 0; i < count; i++)
            {
                output.ReadRecord();
            }

            OutputRecords += count;
            if (output == _segments)
            {
                Segments += count;
            }
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
