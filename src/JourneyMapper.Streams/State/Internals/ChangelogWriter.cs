using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>Sends one store's changes to its changelog partition: the task's partition of the changelog topic.</summary>
internal sealed class ChangelogWriter(IRecordCollector collector, string topic, int partition, Func<long> timestamp)
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public void Write(byte[] key, byte[]? value) => collector.Send(Topic, key, value, headers: null, timestamp(), Partition);
}
