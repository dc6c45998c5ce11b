using Confluent.Kafka;

namespace JourneyMapper.Streams.SerDes;

/// <summary>Built-in serdes and the way to wrap a codec that is both serializer and deserializer.</summary>
public static class Serdes
{
    public static Serde<string> String { get; } = new(Serializers.Utf8, Deserializers.Utf8);

    public static Serde<byte[]> ByteArray { get; } = new(Serializers.ByteArray, Deserializers.ByteArray);

    public static Serde<long> Int64 { get; } = new(Serializers.Int64, Deserializers.Int64);

    public static Serde<T> From<T>(ISerializer<T> serializer, IDeserializer<T> deserializer) => new(serializer, deserializer);
}
