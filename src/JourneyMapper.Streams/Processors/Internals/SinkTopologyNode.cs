using Confluent.Kafka;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Streams.Processors.Internals;

internal sealed class SinkTopologyNode<TKey, TValue>(string name, ITopicNameExtractor<TKey, TValue> topic, Produced<TKey, TValue> produced)
    : TopologyNode<TKey, TValue>(name), ISinkTopologyNode
{
    public ITopicNameExtractor<TKey, TValue> Topic { get; } = topic;

    public string? FixedTopic => Topic is StaticTopicNameExtractor<TKey, TValue> fixedTopic ? fixedTopic.ToString() : null;

    public string? RepartitionTopic => (Topic as RepartitionTopicNameExtractor<TKey, TValue>)?.Topic;

    public override string Describe() => $"Sink: {Name} (topic: {Topic})";

    protected override IProcessorNode<TKey, TValue> Instantiate(TaskContext task) => new SinkNode(this, produced, task);

    private sealed class SinkNode(SinkTopologyNode<TKey, TValue> node, Produced<TKey, TValue> produced, TaskContext task)
        : IProcessorNode<TKey, TValue>
    {
        private readonly string? _repartitionTopic = node.RepartitionTopic is { } topic ? Topology.ResolveInternal(task.ApplicationId, topic) : null;

        public void Process(Record<TKey, TValue> record)
        {
            var topic = _repartitionTopic ?? node.Topic.Extract(record.Key, record.Value);
            var headers = record.Headers;
            var key = record.Key is null
                ? null
                : produced.KeySerde.Serializer.Serialize(record.Key, new SerializationContext(MessageComponentType.Key, topic, headers));
            var value = record.Value is null
                ? null
                : produced.ValueSerde.Serializer.Serialize(record.Value, new SerializationContext(MessageComponentType.Value, topic, headers));
            task.Collector.Send(topic, key, value, headers, record.Timestamp);
        }

        public void Close()
        {
        }
    }
}
