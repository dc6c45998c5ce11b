using Confluent.Kafka;

namespace JourneyMapper.Streams.SerDes;

/// <summary>
/// A serializer that can leave room in front of what it writes. A store that frames its values (a session changelog
/// puts the session end before the aggregate) then builds each changelog record in one array, where a plain
/// serializer would cost a second array and a copy: for large aggregates written on every commit, that copy is
/// most of the store's allocation.
/// </summary>
public interface IPrefixSerializer<T> : ISerializer<T>
{
    /// <summary>
    /// A new array holding <paramref name="prefixLength"/> zero bytes, for the caller to fill, followed by the bytes
    /// <see cref="ISerializer{T}.Serialize"/> would return for <paramref name="data"/>.
    /// </summary>
    byte[] Serialize(T data, int prefixLength, SerializationContext context);
}
