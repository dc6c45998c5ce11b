using System.Buffers;
using System.Buffers.Binary;

namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// Confluent's framing of a schema-registry-encoded Kafka key or value: a magic byte (0), the schema id as a
/// 4-byte big-endian integer, then the payload in the schema's encoding (e.g. Avro binary). Producers and
/// consumers written against Confluent's serializers read and write exactly this, so it must not drift.
/// </summary>
public static class ConfluentWireFormat
{
    public const byte MagicByte = 0;

    /// <summary>Magic byte plus schema id.</summary>
    public const int HeaderSize = 5;

    /// <summary>Writes the header alone, so a codec can append its payload to the same buffer without a copy.</summary>
    public static void WriteHeader(int schemaId, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var span = destination.GetSpan(HeaderSize);
        WriteHeader(schemaId, span);
        destination.Advance(HeaderSize);
    }

    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="HeaderSize"/>.</exception>
    public static void WriteHeader(int schemaId, Span<byte> destination)
    {
        // Registries hand out non-negative ids; a negative one is a caller bug that consumers would reject.
        ArgumentOutOfRangeException.ThrowIfNegative(schemaId);
        if (destination.Length < HeaderSize)
        {
            throw new ArgumentException($"The destination holds {destination.Length} byte(s); the header needs {HeaderSize}.", nameof(destination));
        }

        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }

    public static void Write(int schemaId, ReadOnlySpan<byte> payload, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        WriteHeader(schemaId, destination);
        destination.Write(payload);
    }

    public static byte[] Write(int schemaId, ReadOnlySpan<byte> payload)
    {
        var message = new byte[HeaderSize + payload.Length];
        WriteHeader(schemaId, message);
        payload.CopyTo(message.AsSpan(HeaderSize));
        return message;
    }

    /// <summary>
    /// Splits a framed message. An empty payload is valid: some schemas (an Avro record without fields, or
    /// <c>null</c>) encode to zero bytes.
    /// </summary>
    /// <returns>False for an empty message, one shorter than the header, or one with another magic byte.</returns>
    public static bool TryReadHeader(ReadOnlySpan<byte> message, out int schemaId, out ReadOnlySpan<byte> payload) =>
        Validate(message) is null
            ? Split(message, out schemaId, out payload)
            : Fail(out schemaId, out payload);

    /// <summary>Splits a framed message, saying why when it is not one.</summary>
    /// <returns>The schema id.</returns>
    /// <exception cref="WireFormatException">The message is empty, shorter than the header, or has another magic byte.</exception>
    public static int Read(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> payload)
    {
        var error = Validate(message);
        if (error is not null)
        {
            throw error.Value switch
            {
                WireFormatError.Empty => new WireFormatException(
                    WireFormatError.Empty,
                    "The message is empty: a schema-registry-framed message has at least a 5-byte header."),
                WireFormatError.TooShort => new WireFormatException(
                    WireFormatError.TooShort,
                    $"The message has {message.Length} byte(s), fewer than the {HeaderSize}-byte header (magic byte and schema id)."),
                _ => new WireFormatException(
                    message[0],
                    $"Unknown magic byte 0x{message[0]:X2}: expected 0x{MagicByte:X2}; the message is not framed for a schema registry, or uses a newer framing."),
            };
        }

        Split(message, out var schemaId, out payload);
        return schemaId;
    }

    private static WireFormatError? Validate(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty)
        {
            return WireFormatError.Empty;
        }

        // The magic byte is checked first: a one-byte message that is not 0 is more usefully "not ours" than
        // "too short".
        if (message[0] != MagicByte)
        {
            return WireFormatError.UnknownMagicByte;
        }

        return message.Length < HeaderSize ? WireFormatError.TooShort : null;
    }

    private static bool Split(ReadOnlySpan<byte> message, out int schemaId, out ReadOnlySpan<byte> payload)
    {
        schemaId = BinaryPrimitives.ReadInt32BigEndian(message[1..HeaderSize]);
        payload = message[HeaderSize..];
        return true;
    }

    private static bool Fail(out int schemaId, out ReadOnlySpan<byte> payload)
    {
        schemaId = 0;
        payload = default;
        return false;
    }
}
