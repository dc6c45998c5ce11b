using Confluent.Kafka;

namespace JourneyMapper.Streams.Mock;

/// <summary>A record as the test driver pipes it in or reads it out.</summary>
public sealed record TestRecord<TKey, TValue>(TKey Key, TValue Value, long Timestamp, Headers Headers);
