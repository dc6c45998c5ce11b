using Confluent.Kafka;

namespace JourneyMapper.Streams.Runtime;

/// <summary>Where a task's output goes: a Kafka producer in a running application, memory in the test driver.</summary>
internal interface IRecordCollector
{
    /// <summary>Sends a record; with no partition the producer's partitioner picks one from the key.</summary>
    void Send(string topic, byte[]? key, byte[]? value, Headers? headers, long timestamp, int? partition = null);
}
