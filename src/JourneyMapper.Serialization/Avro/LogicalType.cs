namespace JourneyMapper.Serialization.Avro;

/// <summary>The logical types this library maps to .NET values.</summary>
public enum LogicalTypeKind
{
    /// <summary>Carried on a decimal-annotated bytes or fixed; values are <see cref="AvroDecimal"/>.</summary>
    Decimal,

    /// <summary>Carried on a string; values are <see cref="Guid"/>.</summary>
    Uuid,

    /// <summary>Carried on an int (days since 1970-01-01); values are <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary>Carried on a long (ms since the Unix epoch, UTC); values are <see cref="DateTimeOffset"/> at offset 0.</summary>
    TimestampMillis,

    /// <summary>Carried on a long (µs since the Unix epoch, UTC); values are <see cref="DateTimeOffset"/> at offset 0.</summary>
    TimestampMicros,
}

/// <summary>
/// A valid, recognised logical type. Unknown or invalid annotations never become one of these: the parser
/// keeps them as plain properties and the schema behaves as its underlying type, as the specification asks.
/// </summary>
public sealed record LogicalType(LogicalTypeKind Kind, int Precision = 0, int Scale = 0)
{
    public static readonly LogicalType Uuid = new(LogicalTypeKind.Uuid);
    public static readonly LogicalType Date = new(LogicalTypeKind.Date);
    public static readonly LogicalType TimestampMillis = new(LogicalTypeKind.TimestampMillis);
    public static readonly LogicalType TimestampMicros = new(LogicalTypeKind.TimestampMicros);

    /// <summary>The name used in the schema's <c>logicalType</c> attribute.</summary>
    public string Name => Kind switch
    {
        LogicalTypeKind.Decimal => "decimal",
        LogicalTypeKind.Uuid => "uuid",
        LogicalTypeKind.Date => "date",
        LogicalTypeKind.TimestampMillis => "timestamp-millis",
        _ => "timestamp-micros",
    };

    public static LogicalType Decimal(int precision, int scale) => new(LogicalTypeKind.Decimal, precision, scale);
}
