using Confluent.Kafka;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>
/// Reads how many records topics hold (the sum of their partitions' high watermarks) straight from the brokers, so
/// that what the generator delivered and what the pass-through wrote are counted the same way whoever wrote them.
/// </summary>
public sealed class TopicOffsets : IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly int _partitions;

    public TopicOffsets(string bootstrapServers, int partitions)
    {
        _partitions = partitions;
        _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "journey-mapper-bench-offsets",
            EnableAutoCommit = false,
        }).Build();
    }

    /// <summary>Records written to <paramref name="topic"/> so far, over all its partitions.</summary>
    public long Written(string topic) => Watermarks(topic).Written;

    /// <summary>
    /// Records written to <paramref name="topic"/> and records still held by it: a reader lagging by more than it holds has
    /// lost records to retention (a mock partition keeps only its last 5 MB or so).
    /// </summary>
    public (long Written, long Held) Watermarks(string topic)
    {
        var partitions = Partitions(topic);
        return (partitions.Sum(watermarks => watermarks.High.Value), partitions.Sum(watermarks => watermarks.High.Value - watermarks.Low.Value));
    }

    /// <summary>Each partition's low and high watermark, in partition order.</summary>
    public IReadOnlyList<WatermarkOffsets> Partitions(string topic) =>
        [.. Enumerable.Range(0, _partitions).Select(partition => _consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), QueryTimeout))];

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
