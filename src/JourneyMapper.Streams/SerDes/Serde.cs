using Confluent.Kafka;

namespace JourneyMapper.Streams.SerDes;

/// <summary>
/// A serializer and deserializer for one type, as Kafka Streams' <c>Serde</c>. Built from Confluent's
/// interfaces so that any Confluent-compatible codec plugs in without an adapter.
/// </summary>
public sealed record Serde<T>(ISerializer<T> Serializer, IDeserializer<T> Deserializer);
