namespace JourneyMapper.Streams.Stream;

/// <summary>Chooses the output topic per record, as Kafka Streams' <c>TopicNameExtractor</c>.</summary>
public interface ITopicNameExtractor<in TKey, in TValue>
{
    string Extract(TKey key, TValue value);
}

internal sealed class StaticTopicNameExtractor<TKey, TValue>(string topic) : ITopicNameExtractor<TKey, TValue>
{
    public string Extract(TKey key, TValue value) => topic;

    public override string ToString() => topic;
}

internal sealed class FunctionTopicNameExtractor<TKey, TValue>(Func<TKey, TValue, string> extractor) : ITopicNameExtractor<TKey, TValue>
{
    public string Extract(TKey key, TValue value) => extractor(key, value);

    public override string ToString() => "<extracted per record>";
}

/// <summary>A repartition topic: <c>&lt;applicationId&gt;-&lt;name&gt;-repartition</c>, completed by the sink at run time.</summary>
internal sealed class RepartitionTopicNameExtractor<TKey, TValue>(string topic) : ITopicNameExtractor<TKey, TValue>
{
    public string Topic { get; } = topic;

    public string Extract(TKey key, TValue value) => throw new InvalidOperationException("a repartition topic is resolved with the application id");

    public override string ToString() => $"<applicationId>-{Topic}";
}
