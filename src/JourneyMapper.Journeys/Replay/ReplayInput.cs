using System.Text;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Replay;

/// <summary>One input line as a Kafka record: keyed by its customer id when the line parses, else unkeyed.</summary>
public readonly record struct ReplayRecord(string? Key, byte[] Value, long Timestamp);

/// <summary>Reads ClickEvents as JSON lines, in arrival order.</summary>
public static class ReplayInput
{
    /// <summary>
    /// Blank lines are skipped. A line that is not a ClickEvent still becomes a record, keyed by nothing, so that the
    /// topology sends it to the dead-letter queue with its reason, as the service would.
    /// </summary>
    public static IEnumerable<ReplayRecord> Read(TextReader input)
    {
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var value = Encoding.UTF8.GetBytes(line);
            var clickEvent = TryParse(value);
            yield return new ReplayRecord(clickEvent?.CustomerId, value, clickEvent?.Timestamp ?? 0);
        }
    }

    private static ClickEvent? TryParse(byte[] value)
    {
        try
        {
            return JsonSerdes.ClickEvent.Deserialize(value, isNull: false, default);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }
}
