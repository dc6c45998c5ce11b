namespace JourneyMapper.Streams.Errors;

/// <summary>
/// A record failed for a passing reason (see <see cref="StreamsConfig.IsRetriable"/>): the thread reads it
/// again after a backoff. Thrown by the task before anything of the record was forwarded.
/// </summary>
public sealed class RetriableRecordException(string topic, int partition, long offset, Exception inner)
    : Exception($"record {topic}-{partition}@{offset} failed for a passing reason and will be retried: {inner.Message}", inner)
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public long Offset { get; } = offset;
}
