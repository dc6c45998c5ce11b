using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace JourneyMapper.Streams.Kafka;

/// <summary>
/// Recognizes librdkafka's report of an automatic offset reset, which it gives only as a log line: a consumer asked for
/// an offset the broker does not hold and moved to where <c>auto.offset.reset</c> says. When the offset was behind the
/// log's start, the records in between were deleted by retention before the consumer read them: lost to it.
/// </summary>
internal static partial class OffsetResetLog
{
    /// <summary>The topic and partition of a reset librdkafka logged, or false for any other line.</summary>
    public static bool TryParse(LogMessage line, out string topic, out int partition)
    {
        // A reset past deleted records is a warning. The same words at debug level (with `debug` set) are a group's first
        // start, which has no committed offset and skips nothing. Most lines are neither: a plain search before the pattern.
        var message = line.Message;
        var match = line.Level <= SyslogLevel.Warning && message.Contains("offset reset (", StringComparison.Ordinal) ? Pattern().Match(message) : Match.Empty;
        (topic, partition) = match.Success ? (match.Groups["topic"].Value, int.Parse(match.Groups["partition"].ValueSpan, provider: null)) : ("", -1);
        return match.Success;
    }

    // As librdkafka 1.x and 2.x word it: "[thrd:main]: clickstream.events [1]: offset reset (at offset 605170, broker 3)
    // to cached BEGINNING offset 610535: fetch failed due to requested offset not available on the broker: ...".
    [GeneratedRegex(@"(?<topic>[^\s\[\]]+) \[(?<partition>\d+)\]: offset reset \(", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
