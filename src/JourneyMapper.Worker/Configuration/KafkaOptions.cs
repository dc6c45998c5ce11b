namespace JourneyMapper.Worker.Configuration;

/// <summary>Section <c>JourneyMapper:Kafka</c>: the cluster and the identity of this application in it.</summary>
public sealed class KafkaOptions
{
    public const string Section = "JourneyMapper:Kafka";

    /// <summary>Required: <c>host:port[,host:port...]</c>.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Consumer group and internal-topic prefix; instances with the same id share the work.</summary>
    public string ApplicationId { get; set; } = "journey-mapper";

    /// <summary>Extra librdkafka properties for every client, e.g. <c>security.protocol</c>, <c>sasl.mechanism</c>.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];
}
