using System.Collections.Concurrent;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>
/// A session-window aggregation whose aggregate is idempotent: the sorted distinct set of the records' colors
/// (a value is "e07:c3": event 7, color c3), comma-joined. Re-adding a record a session already holds leaves
/// it unchanged, so reprocessing after a failover cannot change what the sessions end up with.
/// </summary>
internal static class SessionTopology
{
    public const string StoreName = "sessions";
    public static readonly TimeSpan Gap = TimeSpan.FromMinutes(5);

    // Nothing is ever late or closed within a test: the sessions only differ by what they were given.
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    /// <summary>
    /// Emits every session update to <paramref name="output"/>, keyed <c>{key}@{start}</c> (or by the whole
    /// windowed key with <paramref name="keyWithEnd"/>); <paramref name="processed"/> collects every input
    /// record (key, value) the instance processed.
    /// </summary>
    public static Topology Build(string input, string output, ConcurrentDictionary<(string Key, string Value), int>? processed = null, bool keyWithEnd = false)
    {
        var builder = new StreamBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .Peek((key, value) => processed?.AddOrUpdate((key, value), 1, (_, count) => count + 1))
            .GroupByKey()
            .WindowedBy(SessionWindows.OfInactivityGapAndGrace(Gap, Grace))
            .EmitStrategy(EmitStrategy.OnWindowUpdate())
            .Aggregate(
                () => "",
                (_, value, aggregate) => Union(aggregate, Color(value)),
                (_, left, right) => Union(left, right),
                Materialized.As<string, string>(StoreName).WithKeySerde(Serdes.String).WithValueSerde(Serdes.String))
            .ToStream()
            .Map((windowed, aggregate) => (keyWithEnd ? windowed.ToString() : $"{windowed.Key}@{windowed.Window.Start}", aggregate))
            .To(output, Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    public static string Color(string value) => value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public static string Union(string left, string right) =>
        string.Join(',', left.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Concat(right.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Distinct()
            .Order(StringComparer.Ordinal));

    public static StreamsConfig Config(string applicationId, string bootstrapServers, TimeSpan commitInterval) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = bootstrapServers,
        CommitInterval = commitInterval,
        ConsumerProperties = new Dictionary<string, string>
        {
            ["session.timeout.ms"] = "6000",
            ["heartbeat.interval.ms"] = "1000",
        },
    };
}
