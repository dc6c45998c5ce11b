using System.Text;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Journeys.Replay;

/// <summary>What a replay read and wrote.</summary>
public sealed record ReplayCounts(long Events, long Segments, long LateEvents, long DeadLetters);

/// <summary>
/// The journey topology over JSON lines, in process on the test driver: the same steps and semantics as the service,
/// with every session closed at the end of the input.
/// </summary>
public static class JourneyReplay
{
    public const string ApplicationId = "journey-replay";

    public static ReplayCounts Run(JourneyOptions options, TextReader input, TextWriter segments, TextWriter? lateEvents, TimeProvider clock)
    {
        var topics = options.Topics;
        using var driver = new TopologyTestDriver(JourneyTopology.Build(options, JourneySerdes.Json, clock), new StreamsConfig
        {
            ApplicationId = ApplicationId,
            BootstrapServers = "replay:0",
            DeadLetterQueueTopic = topics.DeadLetterQueue,
            DeserializationExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
            ProcessingExceptionHandler = new LogAndContinueExceptionHandler(NullLogger<LogAndContinueExceptionHandler>.Instance),
        }, clock.GetUtcNow())
        {
            // Changelogs matter to a service that restarts; a replay runs once, so stores are never flushed.
            CommitEveryRecord = false,
        };
        var output = driver.CreateOutputTopic(topics.Segments, Deserializers.ByteArray, Deserializers.ByteArray);
        var late = driver.CreateOutputTopic(topics.LateEvents, Deserializers.ByteArray, Deserializers.ByteArray);
        var deadLetters = driver.CreateOutputTopic(topics.DeadLetterQueue, Deserializers.ByteArray, Deserializers.ByteArray);

        var (events, segmentCount, lateCount, deadLetterCount, latest) = (0L, 0L, 0L, 0L, long.MinValue);
        var input0 = topics.Input[0];
        foreach (var record in ReplayInput.Read(input))
        {
            events++;
            latest = Math.Max(latest, record.Timestamp);
            driver.PipeRaw(input0, record.Key is null ? null : Encoding.UTF8.GetBytes(record.Key), record.Value, record.Timestamp);
            segmentCount += Drain(output, segments);
            lateCount += Drain(late, lateEvents);
            deadLetterCount += Drain(deadLetters, null);
        }

        if (latest != long.MinValue)
        {
            var marker = ReplayEnd.Marker(latest, options.Sessions, partition: 0);
            driver.PipeRaw(input0, Encoding.UTF8.GetBytes(ReplayEnd.CustomerId), JsonSerdes.ClickEvent.Serialize(marker, default), marker.Timestamp!.Value);
        }

        segmentCount += Drain(output, segments);
        lateCount += Drain(late, lateEvents);
        return new ReplayCounts(events, segmentCount, lateCount, deadLetterCount);
    }

    // Read as it goes, so a long replay holds no output in memory.
    private static long Drain(TestOutputTopic<byte[], byte[]> topic, TextWriter? writer)
    {
        var count = 0L;
        while (!topic.IsEmpty)
        {
            var value = topic.ReadValue();
            writer?.WriteLine(Encoding.UTF8.GetString(value));
            count++;
        }

        return count;
    }
}
