using Confluent.Kafka;

namespace JourneyMapper.Streams.SerDes;

/// <summary>
/// A deserializer that can check that bytes hold a value it reads, for less than a deserialization costs. A store that
/// keeps values as bytes puts a restored changelog record's bytes in as they are; the check makes a record the
/// deserializer cannot read fail the restore, not the first read long after.
/// </summary>
public interface ICheckingDeserializer<T> : IDeserializer<T>
{
    /// <summary>Returns when <paramref name="data"/> holds a value; throws what <see cref="IDeserializer{T}.Deserialize"/> would throw otherwise.</summary>
    void Check(ReadOnlySpan<byte> data, SerializationContext context);
}
