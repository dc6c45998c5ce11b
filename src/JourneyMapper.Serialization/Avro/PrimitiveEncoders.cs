namespace JourneyMapper.Serialization.Avro;

// One encoder per primitive type, with the logical type's .NET value accepted beside the underlying one.

internal sealed class NullEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => value is null;

    public override void Write(AvroWriter writer, object? value)
    {
        if (value is not null)
        {
            throw Mismatch(value);
        }
    }
}

internal sealed class BooleanEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => value is bool;

    public override void Write(AvroWriter writer, object? value) =>
        writer.WriteBoolean(value is bool flag ? flag : throw Mismatch(value));
}

internal sealed class IntEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    private readonly bool _date = schema.LogicalType?.Kind == LogicalTypeKind.Date;

    public override bool IsExact(object? value) => _date ? value is DateOnly : value is int;

    public override bool Accepts(object? value) => value is int || (_date && value is DateOnly);

    public override void Write(AvroWriter writer, object? value) => writer.WriteInt(value switch
    {
        int number => number,
        DateOnly date when _date => LogicalValues.DaysFromDate(date),
        _ => throw Mismatch(value),
    });
}

internal sealed class LongEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    private readonly LogicalTypeKind? _logicalType = schema.LogicalType?.Kind;

    private bool IsTimestamp => _logicalType is LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros;

    public override bool IsExact(object? value) => IsTimestamp ? value is DateTimeOffset : value is long;

    public override bool Accepts(object? value) => value is long or int || (IsTimestamp && value is DateTimeOffset);

    public override void Write(AvroWriter writer, object? value) => writer.WriteLong(value switch
    {
        long number => number,
        int number => number,
        DateTimeOffset instant when _logicalType == LogicalTypeKind.TimestampMillis => LogicalValues.ToUnixMillis(instant),
        DateTimeOffset instant when _logicalType == LogicalTypeKind.TimestampMicros => LogicalValues.ToUnixMicros(instant),
        _ => throw Mismatch(value),
    });
}

internal sealed class FloatEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => value is float;

    public override bool Accepts(object? value) => value is float or int or long;

    public override void Write(AvroWriter writer, object? value) => writer.WriteFloat(value switch
    {
        float number => number,
        int number => number,
        long number => number,
        _ => throw Mismatch(value),
    });
}

internal sealed class DoubleEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => value is double;

    public override bool Accepts(object? value) => value is double or float or int or long;

    public override void Write(AvroWriter writer, object? value) => writer.WriteDouble(value switch
    {
        double number => number,
        float number => number,
        int number => number,
        long number => number,
        _ => throw Mismatch(value),
    });
}

/// <summary>bytes: byte[] or ReadOnlyMemory&lt;byte&gt;; with the decimal logical type, AvroDecimal or decimal too.</summary>
internal sealed class BytesEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    private readonly LogicalType? _decimal = schema.LogicalType is { Kind: LogicalTypeKind.Decimal } d ? d : null;

    public override bool IsExact(object? value) => _decimal is null ? value is byte[] : value is AvroDecimal or decimal;

    public override bool Accepts(object? value) =>
        value is byte[] or ReadOnlyMemory<byte> || (_decimal is not null && value is AvroDecimal or decimal);

    public override void Write(AvroWriter writer, object? value)
    {
        switch (value)
        {
            case byte[] bytes:
                writer.WriteBytes(bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                writer.WriteBytes(memory.Span);
                break;
            case AvroDecimal or decimal when _decimal is not null:
                var unscaled = LogicalValues.UnscaledForSchema(value as AvroDecimal? ?? AvroDecimal.FromDecimal((decimal)value), _decimal);
                int length = unscaled.GetByteCount(isUnsigned: false);
                Span<byte> buffer = length <= 64 ? stackalloc byte[length] : new byte[length];
                unscaled.TryWriteBytes(buffer, out _, isUnsigned: false, isBigEndian: true);
                writer.WriteBytes(buffer);
                break;
            default:
                throw Mismatch(value);
        }
    }
}

/// <summary>string: string; with the uuid logical type, Guid too (written in its 36-character form).</summary>
internal sealed class StringEncoder(AvroSchema schema) : DatumEncoder(schema)
{
    private readonly bool _uuid = schema.LogicalType?.Kind == LogicalTypeKind.Uuid;

    public override bool IsExact(object? value) => _uuid ? value is Guid : value is string;

    public override bool Accepts(object? value) => value is string || (_uuid && value is Guid);

    public override void Write(AvroWriter writer, object? value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(text);
                break;
            case Guid guid when _uuid:
                Span<byte> utf8 = stackalloc byte[36];
                guid.TryFormat(utf8, out _, "D");
                writer.WriteBytes(utf8);
                break;
            default:
                throw Mismatch(value);
        }
    }
}

