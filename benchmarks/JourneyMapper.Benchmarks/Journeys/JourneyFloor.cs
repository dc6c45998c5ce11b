using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>
/// The floor under any topology on the test driver: every record piped in as the topology's are, its key and ClickEvent
/// decoded with the same serdes, and nothing else (a <c>Peek</c> counts them; no state, no output, no commit). What a
/// topology costs per event above this is its own work; a target below it cannot be reached on the machine at hand.
/// </summary>
public static class JourneyFloor
{
    public static long Run(JourneyWorkload workload)
    {
        var builder = new StreamBuilder();
        long read = 0;
        builder.Stream(JourneyWorkload.InputTopic, Consumed.With(Serdes.String, workload.Serdes.ClickEvents))
            .Peek((_, clickEvent) => read += clickEvent is null ? 0 : 1, "count");
        var config = new StreamsConfig { ApplicationId = "bench-floor", BootstrapServers = "unused:9092" };
        using var driver = new TopologyTestDriver(builder.Build(), config, JourneyWorkload.Now) { CommitEveryRecord = false };
        foreach (var record in workload.Records)
        {
            driver.PipeRaw(JourneyWorkload.InputTopic, record.Key, record.Value, record.Timestamp);
        }

        return read;
    }
}
