using System.Runtime.CompilerServices;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Encodes generic values (the mapping of <see cref="GenericDatumReader"/>; logical types also accept their
/// underlying values) under a schema. The encoder tree is compiled once; instances are immutable and thread-safe.
/// A value that does not fit the schema throws <see cref="AvroException"/> naming the field.
/// </summary>
public sealed class GenericDatumWriter
{
    private static readonly ConditionalWeakTable<AvroSchema, GenericDatumWriter> Cache = [];

    private readonly DatumEncoder _root;

    public GenericDatumWriter(AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _root = new EncoderBuilder().Build(schema);
    }

    public AvroSchema Schema { get; }

    /// <summary>The compiled writer for this schema instance, built on first use.</summary>
    public static GenericDatumWriter For(AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Cache.GetValue(schema, static s => new GenericDatumWriter(s));
    }

    public void Write(AvroWriter writer, object? datum)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _root.Write(writer, datum);
    }

    /// <summary>Encodes one value into a new array.</summary>
    public byte[] Serialize(object? datum)
    {
        using var writer = new AvroWriter();
        _root.Write(writer, datum);
        return writer.ToArray();
    }
}
