using System.Buffers;
using Confluent.Kafka;

namespace JourneyMapper.Streams.SerDes;

/// <summary>
/// A serializer that writes into a buffer the caller owns. A store that copies each value away at once (into an
/// arena, say) then pays no array per value: for a session serialized on every record, that array would be most of
/// the store's garbage.
/// </summary>
public interface IBufferSerializer<T> : ISerializer<T>
{
    /// <summary>Appends to <paramref name="output"/> the bytes <see cref="ISerializer{T}.Serialize"/> would return.</summary>
    void Serialize(T data, IBufferWriter<byte> output, SerializationContext context);
}
