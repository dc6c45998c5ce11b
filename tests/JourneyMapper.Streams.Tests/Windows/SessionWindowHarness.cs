using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.Windows;

/// <summary>One result the aggregation forwarded: windowed key, aggregate (null for a tombstone) and timestamp.</summary>
internal readonly record struct Emitted(string Key, long Start, long End, string? Value, long Timestamp)
{
    public override string ToString() => $"{Key}[{Start},{End}]={Value ?? "<tombstone>"}@{Timestamp}";
}

/// <summary>A session as a test expects it: key, window and aggregate.</summary>
internal readonly record struct Session(string Key, long Start, long End, string Value)
{
    public override string ToString() => $"{Key}[{Start},{End}]={Value}";
}

/// <summary>A record the aggregation turned away, with the close time it reported.</summary>
internal readonly record struct Late(string Key, string Value, long Timestamp, long CloseTime)
{
    public override string ToString() => $"{Key}={Value}@{Timestamp} (closed at {CloseTime})";
}

/// <summary>Keeps every record a processor receives, so tests see timestamps as well as keys and values.</summary>
internal sealed class Capture<TKey, TValue>(List<Record<TKey, TValue>> sink) : IProcessor<TKey, TValue, TKey, TValue>
{
    public void Process(Record<TKey, TValue> record) => sink.Add(record);
}

/// <summary>
/// A session-window aggregation on the test driver: the aggregate of a session is its records' values
/// concatenated in arrival order (the merger concatenates the merged sessions in start order), so every
/// expected aggregate also tells which records joined and in which order. Every input record carries a
/// header <c>seq</c> equal to its value, to check what the late-records stream keeps of the original.
/// </summary>
internal sealed class SessionWindowHarness : IDisposable
{
    public const string InputTopic = "events";
    public const string LateTopic = "late-events";
    public const string DeadLetterTopic = "events-dlq";
    public const string StoreName = "sessions";
    public const string ProcessorName = "sessionize";

    private readonly List<Record<Windowed<string>, string>> _output = [];
    private readonly TestInputTopic<string, string> _input;
    private readonly TestOutputTopic<string, string> _late;

    public SessionWindowHarness(SessionWindows windows, EmitStrategy emit, StreamsConfig? config = null)
    {
        var builder = new StreamBuilder();
        var windowed = builder.Stream(InputTopic, Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(windows)
            .EmitStrategy(emit);
        var output = _output;
        windowed.Aggregate(
                static () => string.Empty,
                static (_, value, aggregate) => aggregate + value,
                static (_, left, right) => left + right,
                Materialized.As<string, string>(StoreName).WithValueSerde(Serdes.String),
                ProcessorName)
            .ToStream()
            .Process<Windowed<string>, string>(() => new Capture<Windowed<string>, string>(output));
        windowed.LateRecords().To(LateTopic, Produced.With(Serdes.String, Serdes.String));
        Driver = new TopologyTestDriver(builder.Build(), config);
        _input = Driver.StringInput(InputTopic);
        _late = Driver.StringOutput(LateTopic);
    }

    public TopologyTestDriver Driver { get; }

    public ISessionStore<string, string> Store => Driver.GetSessionStore<string, string>(StoreName);

    public long LateCount => Driver.Metrics.Get(StreamsMetrics.LateRecords);

    public void Pipe(string? key, string value, long timestamp) =>
        _input.PipeInput(key!, value, timestamp, TestSupport.Headers(("seq", value)));

    /// <summary>Everything forwarded since the last call, in order.</summary>
    public List<Emitted> TakeOutput()
    {
        var taken = _output
            .Select(record => new Emitted(record.Key.Key, record.Key.Window.Start, record.Key.Window.End, record.Value, record.Timestamp))
            .ToList();
        _output.Clear();
        return taken;
    }

    /// <summary>Everything sent to the late-records stream since the last call; checks the headers of each.</summary>
    public List<Late> TakeLate() => _late.ReadRecordsToList().Select(record =>
    {
        var headers = record.Headers.Pairs();
        Assert.Equal(3, headers.Count);
        Assert.Equal(("seq", record.Value), headers[0]);
        Assert.Equal((LateRecordHeaders.Reason, LateRecordHeaders.WindowClosed), headers[1]);
        Assert.Equal(LateRecordHeaders.WindowCloseTime, headers[2].Key);
        return new Late(record.Key, record.Value, record.Timestamp, long.Parse(headers[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }).ToList();

    /// <summary>The sessions of <paramref name="keys"/> the store holds now, in key then start order.</summary>
    public List<Session> StoredSessions(IEnumerable<string> keys) => keys
        .Order(StringComparer.Ordinal)
        .SelectMany(key => Store.FindSessions(key, long.MinValue, long.MaxValue))
        .Select(entry => new Session(entry.Key.Key, entry.Key.Window.Start, entry.Key.Window.End, entry.Value))
        .ToList();

    public void Dispose() => Driver.Dispose();

    /// <summary>The table an update stream describes: the latest value per windowed key, tombstones deleting.</summary>
    public static List<Session> Table(IEnumerable<Emitted> updates)
    {
        var table = new Dictionary<(string Key, long Start, long End), string>();
        foreach (var update in updates)
        {
            if (update.Value is null)
            {
                Assert.True(table.Remove((update.Key, update.Start, update.End)), $"tombstone for a window never sent: {update}");
            }
            else
            {
                table[(update.Key, update.Start, update.End)] = update.Value;
            }
        }

        return Sorted(table.Select(entry => new Session(entry.Key.Key, entry.Key.Start, entry.Key.End, entry.Value)));
    }

    public static List<Session> Sorted(IEnumerable<Session> sessions) =>
        sessions.OrderBy(session => session.Key, StringComparer.Ordinal).ThenBy(session => session.Start).ToList();
}

