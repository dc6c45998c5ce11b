using JourneyMapper.Streams;

namespace JourneyMapper.Worker.Configuration;

/// <summary>Section <c>JourneyMapper:Streams</c>: how the stream runtime runs.</summary>
public sealed class StreamsOptions
{
    public const string Section = "JourneyMapper:Streams";

    /// <summary><c>AtLeastOnce</c> (default) or <c>ExactlyOnceV2</c> (one Kafka transaction per commit).</summary>
    public ProcessingGuarantee ProcessingGuarantee { get; set; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary>How often output is flushed and input offsets committed.</summary>
    public int CommitIntervalMs { get; set; } = 1000;

    public int NumStreamThreads { get; set; } = 1;

    /// <summary>
    /// Longest wait between two attempts at a record that failed for a passing reason (the schema registry
    /// unreachable): the record is read again, with the wait doubling from 100 ms up to this.
    /// </summary>
    public int MaxRetryBackoffMs { get; set; } = 30_000;

    /// <summary>What to do with records that cannot be read or processed.</summary>
    public BadRecordHandling BadRecords { get; set; } = BadRecordHandling.DeadLetterQueue;
}

public enum BadRecordHandling
{
    /// <summary>Send them to the dead-letter topic with the reason and go on (the default: nothing vanishes).</summary>
    DeadLetterQueue,

    /// <summary>Stop the service: for pipelines where a skipped record is worse than a halt.</summary>
    Fail,
}
