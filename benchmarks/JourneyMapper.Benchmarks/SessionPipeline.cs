using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Benchmarks;

public enum Aggregation
{
    Count,
    Sum,
}

/// <summary>
/// The measured system: a session-window aggregate (gap 30 min, grace 2 min, emit on window close) on the test
/// driver, committed every 10,000 records as a running application commits once per interval. The changelog
/// records a commit writes are read off the driver's in-memory topic after each commit, as a producer would
/// release them once sent, so they do not pile up in the driver.
/// </summary>
public sealed class SessionPipeline : IDisposable
{
    public const string StoreName = "sessions";
    public const int CommitEvery = 10_000;
    private const string ApplicationId = "bench";

    private readonly TopologyTestDriver _driver;
    private readonly TestOutputTopic<Ignore, Ignore> _changelog;

    public SessionPipeline(Aggregation aggregation, bool logging)
    {
        var builder = new StreamBuilder();
        var windowed = builder.Stream(Workload.Topic, Consumed.With(Serdes.String, Serdes.Int64))
            .GroupByKey()
            .WindowedBy(SessionWindows.OfInactivityGapAndGrace(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(2)))
            .EmitStrategy(EmitStrategy.OnWindowClose());
        var materialized = Materialized.As<string, long>(StoreName).WithValueSerde(Serdes.Int64);
        if (!logging)
        {
            materialized = materialized.WithLoggingDisabled();
        }

        var table = aggregation == Aggregation.Count
            ? windowed.Count(materialized)
            : windowed.Aggregate(static () => 0L, static (_, value, sum) => sum + value, static (_, left, right) => left + right, materialized);
        table.ToStream().Peek((_, _) => Emitted++);

        var config = new StreamsConfig { ApplicationId = ApplicationId, BootstrapServers = "unused:9092" };
        _driver = new TopologyTestDriver(builder.Build(), config) { CommitEveryRecord = false };
        _changelog = _driver.CreateOutputTopic($"{ApplicationId}-{StoreName}-changelog", Deserializers.Ignore, Deserializers.Ignore);
    }

    /// <summary>Closed sessions emitted downstream.</summary>
    public long Emitted { get; private set; }

    /// <summary>Changelog records written by the commits.</summary>
    public long ChangelogRecords { get; private set; }

    /// <summary>Time spent in commits (store flush plus reading the changelog records off the driver).</summary>
    public TimeSpan CommitTime { get; private set; }

    public long OpenSessions => _driver.GetSessionStore<string, long>(StoreName).ApproximateNumEntries;

    public void Run(Workload input)
    {
        var (keys, values, timestamps) = (input.KeyBytes, input.ValueBytes, input.Timestamps);
        for (var i = 0; i < timestamps.Length; i++)
        {
            _driver.PipeRaw(Workload.Topic, keys[i], values[i], timestamps[i]);
            if ((i + 1) % CommitEvery == 0)
            {
                Commit();
            }
        }

        Commit();
    }

    public void Dispose() => _driver.Dispose();

    private void Commit()
    {
        var started = Stopwatch.GetTimestamp();
        _driver.Commit();
        while (!_changelog.IsEmpty)
        {
            _changelog.ReadRecord();
            ChangelogRecords++;
        }

        CommitTime += Stopwatch.GetElapsedTime(started);
    }
}
