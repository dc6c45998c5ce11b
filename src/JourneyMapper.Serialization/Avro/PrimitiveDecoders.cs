namespace JourneyMapper.Serialization.Avro;

// One decoder per reader primitive type; the writer's type (the same, or one the specification promotes) and the
// reader's logical type are fixed when the plan is built. Booleans come from shared boxes; other primitives box.

internal sealed class NullDecoder : DatumDecoder
{
    public static readonly NullDecoder Instance = new();

    public override object? Read(ref AvroReader reader) => null;
}

internal sealed class BooleanDecoder : DatumDecoder
{
    public static readonly BooleanDecoder Instance = new();

    public override object Read(ref AvroReader reader) => BoxedBooleans.Box(reader.ReadBoolean());
}

internal sealed class IntDecoder(bool asDate) : DatumDecoder
{
    public override object Read(ref AvroReader reader)
    {
        int value = reader.ReadInt();
        return asDate ? LogicalValues.DateFromDays(value) : value;
    }
}

internal sealed class LongDecoder(bool writerIsInt, LogicalTypeKind? logicalType) : DatumDecoder
{
    public override object Read(ref AvroReader reader)
    {
        long value = writerIsInt ? reader.ReadInt() : reader.ReadLong();
        return logicalType switch
        {
            LogicalTypeKind.TimestampMillis => LogicalValues.FromUnixMillis(value),
            LogicalTypeKind.TimestampMicros => LogicalValues.FromUnixMicros(value),
            _ => value,
        };
    }
}

internal sealed class FloatDecoder(AvroType writerType) : DatumDecoder
{
    public override object Read(ref AvroReader reader) => writerType switch
    {
        AvroType.Int => (float)reader.ReadInt(),
        AvroType.Long => (float)reader.ReadLong(),
        _ => reader.ReadFloat(),
    };
}

internal sealed class DoubleDecoder(AvroType writerType) : DatumDecoder
{
    public override object Read(ref AvroReader reader) => writerType switch
    {
        AvroType.Int => (double)reader.ReadInt(),
        AvroType.Long => (double)reader.ReadLong(),
        AvroType.Float => (double)reader.ReadFloat(),
        _ => reader.ReadDouble(),
    };
}

/// <summary>Reads bytes (or a string's UTF-8 bytes, the promotion) as byte[] or, for a decimal reader, AvroDecimal.</summary>
internal sealed class BytesDecoder(LogicalType? decimalType) : DatumDecoder
{
    public override object Read(ref AvroReader reader)
    {
        // bytes and string share one encoding, so the string-to-bytes promotion needs no branch.
        var span = reader.ReadBytesSpan();
        return decimalType is null ? span.ToArray() : LogicalValues.DecimalFromBytes(span, decimalType.Scale);
    }
}

/// <summary>Reads a string (or bytes, the promotion, which must then be UTF-8) as string or, for a uuid reader, Guid.</summary>
internal sealed class StringDecoder(bool asUuid) : DatumDecoder
{
    public override object Read(ref AvroReader reader) =>
        asUuid ? LogicalValues.ParseUuid(reader.ReadStringUtf8()) : reader.ReadString();
}
