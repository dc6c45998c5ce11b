using System.Buffers.Binary;
using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Serializes a <see cref="ValueAndTimestamp{TValue}"/> as Kafka Streams does: the timestamp (8 bytes,
/// big-endian) followed by the value's own bytes, so a timestamped store's changelog restores the timestamps too.
/// </summary>
internal static class ValueAndTimestampSerde
{
    private const int TimeLength = 8;

    public static Serde<ValueAndTimestamp<TValue>> Wrap<TValue>(Serde<TValue> valueSerde)
    {
        var codec = new Codec<TValue>(valueSerde);
        return new Serde<ValueAndTimestamp<TValue>>(codec, codec);
    }

    private sealed class Codec<TValue>(Serde<TValue> valueSerde) : ISerializer<ValueAndTimestamp<TValue>>, IDeserializer<ValueAndTimestamp<TValue>>
    {
        // A null value is a tombstone, as Kafka's ValueAndTimestampSerializer makes it, not a bare timestamp.
        public byte[]? Serialize(ValueAndTimestamp<TValue> data, SerializationContext context)
        {
            if (data.Value is null || valueSerde.Serializer.Serialize(data.Value, context) is not { } value)
            {
                return null;
            }

            var bytes = new byte[TimeLength + value.Length];
            BinaryPrimitives.WriteInt64BigEndian(bytes, data.Timestamp);
            value.CopyTo(bytes, TimeLength);
            return bytes;
        }

        public ValueAndTimestamp<TValue> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            if (isNull)
            {
                return default;
            }

            if (data.Length < TimeLength)
            {
                throw new FormatException($"a timestamped value has at least {TimeLength} bytes; this one has {data.Length}");
            }

            return new ValueAndTimestamp<TValue>(
                valueSerde.Deserializer.Deserialize(data[TimeLength..], false, context),
                BinaryPrimitives.ReadInt64BigEndian(data));
        }
    }
}
