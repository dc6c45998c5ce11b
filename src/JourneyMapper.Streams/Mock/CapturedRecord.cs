using Confluent.Kafka;

namespace JourneyMapper.Streams.Mock;

/// <summary>
/// A record the topology wrote, as the driver holds it until a <see cref="TestOutputTopic{TKey, TValue}"/> reads it: a
/// value in the topic's queue rather than a message object per record, as a benchmark's driver holds every segment of a
/// close until they are read.
/// </summary>
internal readonly record struct CapturedRecord(byte[]? Key, byte[]? Value, Headers? Headers, long Timestamp);
