using Confluent.Kafka;

namespace JourneyMapper.Streams.Processors.Internals;

/// <summary>Entry of a task's graph: turns the raw consumed record into a typed one.</summary>
internal interface ISourceNode
{
    void Process(ConsumeResult<byte[], byte[]> raw);
}
