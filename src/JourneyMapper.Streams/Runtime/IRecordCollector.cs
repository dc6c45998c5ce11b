using Confluent.Kafka;

namespace JourneyMapper.Streams.Runtime;

/// <summary>Where a task's output goes: a Kafka producer in a running application, memory in the test driver.</summary>
internal interface IRecordCollector
{
    void Send(string topic, byte[]? key, byte[]? value, Headers? headers, long timestamp);
}
