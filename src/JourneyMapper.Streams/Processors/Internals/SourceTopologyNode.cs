using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.Processors.Internals;

internal sealed class SourceTopologyNode<TKey, TValue>(string name, IReadOnlyList<string> topics, Consumed<TKey, TValue> consumed)
    : TopologyNode(name), ISourceTopologyNode
{
    public IReadOnlyList<string> Topics { get; } = topics;

    /// <summary>Reads a repartition topic, whose name the application id completes at run time.</summary>
    public bool IsRepartition { get; init; }

    public override string Describe() => $"Source: {Name} (topics: [{string.Join(", ", Topics)}])";

    public ISourceNode Instantiate(TaskContext task) => new SourceNode(consumed, task, InstantiateChildren<TKey, TValue>(task));

    private sealed class SourceNode(Consumed<TKey, TValue> consumed, TaskContext task, IProcessorNode<TKey, TValue>[] children)
        : ISourceNode, IProcessorNode
    {
        public void Process(ConsumeResult<byte[], byte[]> raw)
        {
            var message = raw.Message;
            var key = Deserialize(consumed.KeySerde.Deserializer, message.Key, MessageComponentType.Key, raw);
            var value = Deserialize(consumed.ValueSerde.Deserializer, message.Value, MessageComponentType.Value, raw);
            var timestamp = message.Timestamp.UnixTimestampMs;
            if (consumed.TimestampExtractor is { } extractor)
            {
                timestamp = extractor(key, value, timestamp);
            }

            task.ObserveTimestamp(timestamp);
            var record = new Record<TKey, TValue>(key, value, timestamp, message.Headers);
            foreach (var child in children)
            {
                child.Process(record);
            }
        }

        public void Close()
        {
        }

        private static T Deserialize<T>(IDeserializer<T> deserializer, byte[]? data, MessageComponentType component, ConsumeResult<byte[], byte[]> raw)
        {
            try
            {
                return deserializer.Deserialize(data, data is null, new SerializationContext(component, raw.Topic, raw.Message.Headers));
            }
            catch (Exception ex)
            {
                throw new StreamsDeserializationException(component, ex);
            }
        }
    }
}
