using System.Numerics;

namespace JourneyMapper.Serialization.Avro;

/// <summary>enum: GenericEnum of the same name (written by symbol if it came from another version), or a symbol string.</summary>
internal sealed class EnumEncoder(EnumSchema schema) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => value is GenericEnum symbol && symbol.Schema.FullName == schema.FullName;

    public override bool Accepts(object? value) => value switch
    {
        GenericEnum symbol => schema.IndexOf(symbol.Symbol) >= 0,
        string text => schema.IndexOf(text) >= 0,
        _ => false,
    };

    public override void Write(AvroWriter writer, object? value)
    {
        int index = value switch
        {
            GenericEnum symbol when ReferenceEquals(symbol.Schema, schema) => symbol.Index,
            GenericEnum symbol => schema.IndexOf(symbol.Symbol),
            string text => schema.IndexOf(text),
            _ => throw Mismatch(value),
        };

        if (index < 0)
        {
            throw new AvroException($"'{value}' is not a symbol of enum '{schema.FullName}'");
        }

        writer.WriteEnumIndex(index);
    }
}

/// <summary>fixed: GenericFixed of the same name, or byte[] of the right size; with decimal, AvroDecimal or decimal.</summary>
internal sealed class FixedEncoder(FixedSchema schema) : DatumEncoder(schema)
{
    private readonly LogicalType? _decimal = schema.LogicalType is { Kind: LogicalTypeKind.Decimal } d ? d : null;

    public override bool IsExact(object? value) => _decimal is null
        ? value is GenericFixed fixedValue && fixedValue.Schema.FullName == schema.FullName
        : value is AvroDecimal or decimal;

    public override bool Accepts(object? value) => value switch
    {
        GenericFixed fixedValue => fixedValue.Value.Length == schema.Size,
        byte[] bytes => bytes.Length == schema.Size,
        AvroDecimal or decimal => _decimal is not null,
        _ => false,
    };

    public override void Write(AvroWriter writer, object? value)
    {
        switch (value)
        {
            case GenericFixed fixedValue when fixedValue.Value.Length == schema.Size:
                writer.WriteFixed(fixedValue.Value.Span);
                break;
            case byte[] bytes when bytes.Length == schema.Size:
                writer.WriteFixed(bytes);
                break;
            case AvroDecimal or decimal when _decimal is not null:
                BigInteger unscaled = LogicalValues.UnscaledForSchema(value as AvroDecimal? ?? AvroDecimal.FromDecimal((decimal)value), _decimal);
                Span<byte> buffer = schema.Size <= 64 ? stackalloc byte[schema.Size] : new byte[schema.Size];
                LogicalValues.WriteFixedDecimal(unscaled, buffer);
                writer.WriteFixed(buffer);
                break;
            default:
                throw Mismatch(value);
        }
    }
}
