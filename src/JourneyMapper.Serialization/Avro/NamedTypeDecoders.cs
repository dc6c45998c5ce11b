using System.Numerics;

namespace JourneyMapper.Serialization.Avro;

/// <summary>Reads a fixed as GenericFixed or, for a decimal reader, AvroDecimal (big-endian two's complement).</summary>
internal sealed class FixedDecoder(FixedSchema schema) : DatumDecoder
{
    private readonly LogicalType? _decimal = schema.LogicalType is { Kind: LogicalTypeKind.Decimal } d ? d : null;

    public override object Read(ref AvroReader reader)
    {
        var span = reader.ReadFixed(schema.Size);
        return _decimal is null
            ? new GenericFixed(schema, span.ToArray())
            : new AvroDecimal(span.IsEmpty ? BigInteger.Zero : new BigInteger(span, isUnsigned: false, isBigEndian: true), _decimal.Scale);
    }
}

/// <summary>Maps the writer's symbol positions to the reader's shared enum values; unknown symbols take the reader's default or fail.</summary>
internal sealed class EnumDecoder : DatumDecoder
{
    private readonly GenericEnum?[] _byWriterIndex;
    private readonly EnumSchema _writer;
    private readonly EnumSchema _reader;

    public EnumDecoder(EnumSchema writer, EnumSchema reader)
    {
        _writer = writer;
        _reader = reader;
        int defaultIndex = reader.Default is null ? -1 : reader.IndexOf(reader.Default);
        _byWriterIndex = new GenericEnum?[writer.Symbols.Count];
        for (int i = 0; i < _byWriterIndex.Length; i++)
        {
            int index = reader.IndexOf(writer.Symbols[i]);
            index = index >= 0 ? index : defaultIndex;
            _byWriterIndex[i] = index >= 0 ? reader.GetValue(index) : null;
        }
    }

    public override object Read(ref AvroReader reader)
    {
        int index = reader.ReadEnumIndex(_byWriterIndex.Length);
        return _byWriterIndex[index] ?? throw new AvroException(
            $"Symbol '{_writer.Symbols[index]}' of the writer's enum '{_writer.FullName}' is not in the reader's enum '{_reader.FullName}', which has no default");
    }
}
