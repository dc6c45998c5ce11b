using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace JourneyMapper.Serialization.Json;

/// <summary>
/// JSON value serde over System.Text.Json contracts. A null record is a tombstone both ways (Kafka's
/// convention, hence null despite the non-nullable type); a body that is not valid JSON for the contract
/// throws, so the runtime's deserialization handler can dead-letter it.
/// </summary>
public sealed class JsonSerde<T> : ISerializer<T>, IDeserializer<T>
    where T : class
{
    private readonly JsonTypeInfo<T> _contract;

    public JsonSerde(JsonTypeInfo<T> contract) => _contract = contract;

    public byte[] Serialize(T data, SerializationContext context) =>
        data is null ? null! : JsonSerializer.SerializeToUtf8Bytes(data, _contract);

    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return null!;
        }

        return JsonSerializer.Deserialize(data, _contract)
            ?? throw new JsonException($"the JSON literal null is not a {typeof(T).Name}");
    }
}
