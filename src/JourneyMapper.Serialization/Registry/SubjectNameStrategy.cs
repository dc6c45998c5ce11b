namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// Subject names for a topic's schemas. Confluent's serializers default to the topic-name strategy, so using it
/// lets our records share subjects with tools and services built on Confluent's clients.
/// </summary>
public static class SubjectNameStrategy
{
    /// <summary>Confluent's TopicNameStrategy: <c>&lt;topic&gt;-key</c> or <c>&lt;topic&gt;-value</c>.</summary>
    public static string TopicName(string topic, bool isKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return isKey ? topic + "-key" : topic + "-value";
    }

    public static string ForKey(string topic) => TopicName(topic, isKey: true);

    public static string ForValue(string topic) => TopicName(topic, isKey: false);
}
