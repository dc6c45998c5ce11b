using Confluent.Kafka;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.Streams.Mock;

/// <summary>
/// Runs a topology without a broker, deterministically: every input topic is one partition feeding one
/// task, and output is kept in memory per topic. The same task code runs as in <see cref="KafkaStreams"/>.
/// </summary>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly StreamTask _task;
    private readonly InMemoryCollector _collector = new();
    private readonly Dictionary<string, long> _nextOffsets = [];
    private bool _disposed;

    public TopologyTestDriver(Topology topology, StreamsConfig? config = null)
    {
        config ??= new StreamsConfig { ApplicationId = "topology-test-driver", BootstrapServers = "unused:9092" };
        _task = new StreamTask(new TaskId(0, 0), topology, config, _collector);
    }

    public TestInputTopic<TKey, TValue> CreateInputTopic<TKey, TValue>(string topic, ISerializer<TKey> keySerializer, ISerializer<TValue> valueSerializer) =>
        new(this, topic, keySerializer, valueSerializer);

    public TestOutputTopic<TKey, TValue> CreateOutputTopic<TKey, TValue>(string topic, IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer) =>
        new(_collector.Topic(topic), topic, keyDeserializer, valueDeserializer);

    /// <summary>Pipes bytes as they would arrive from Kafka, e.g. a record no serializer would produce.</summary>
    public void PipeRaw(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var offset = _nextOffsets.GetValueOrDefault(topic);
        _nextOffsets[topic] = offset + 1;
        _task.Process(new ConsumeResult<byte[], byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset(topic, 0, offset),
            Message = new Message<byte[], byte[]>
            {
                Key = key!,
                Value = value!,
                Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
                Headers = headers ?? [],
            },
        });
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _task.Close();
        }
    }

    private sealed class InMemoryCollector : IRecordCollector
    {
        private readonly Dictionary<string, Queue<Message<byte[]?, byte[]?>>> _topics = [];

        public Queue<Message<byte[]?, byte[]?>> Topic(string topic)
        {
            if (!_topics.TryGetValue(topic, out var queue))
            {
                queue = new Queue<Message<byte[]?, byte[]?>>();
                _topics[topic] = queue;
            }

            return queue;
        }

        public void Send(string topic, byte[]? key, byte[]? value, Headers? headers, long timestamp) =>
            Topic(topic).Enqueue(new Message<byte[]?, byte[]?>
            {
                Key = key,
                Value = value,
                Headers = headers.Copy(),
                Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
            });
    }
}
