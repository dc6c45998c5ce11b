using Confluent.Kafka;

namespace JourneyMapper.Streams.Mock;

/// <summary>
/// A record the topology wrote, as the driver holds it until a <see cref="TestOutputTopic{TKey, TValue}"/> reads it: a
/// value in the topic's queue, not an object per record, since a benchmark's driver holds millions of them.
/// </summary>
internal readonly record struct CapturedRecord(byte[]? Key, byte[]? Value, Headers? Headers, long Timestamp);
