namespace JourneyMapper.Streams;

/// <summary><c>processing.guarantee</c>, as in Kafka Streams.</summary>
public enum ProcessingGuarantee
{
    /// <summary>Output is flushed before input offsets are committed: nothing is lost, a crash may repeat some output.</summary>
    AtLeastOnce,

    /// <summary>
    /// <c>exactly_once_v2</c>: each stream thread writes output, changelogs and input offsets in one Kafka
    /// transaction per commit, and reads input <c>read_committed</c>; aborted output is never seen downstream.
    /// </summary>
    ExactlyOnceV2,
}
