namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// A changelog record read in place: its key and value are views of the client's buffers, not copies.
/// <see cref="IsTombstone"/> tells a deleting record (no value) from one whose value is empty.
/// </summary>
public readonly ref struct ChangelogRecord(string topic, int partition, long offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public long Offset { get; } = offset;

    public ReadOnlySpan<byte> Key { get; } = key;

    public ReadOnlySpan<byte> Value { get; } = value;

    public bool IsTombstone { get; } = isTombstone;
}
