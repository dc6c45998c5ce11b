using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Decodes binary data written under <see cref="WriterSchema"/> into generic values shaped by
/// <see cref="ReaderSchema"/>, applying the specification's schema resolution (field matching by name and alias,
/// defaults, promotions, enum defaults, unions). The resolution is compiled once, in the constructor; instances
/// are immutable and thread-safe, and <see cref="For"/> caches them per schema pair.
/// <para>Generic values: null → null; boolean → bool; int → int; long → long; float → float; double → double;
/// bytes → byte[]; string → string; record → <see cref="GenericRecord"/>; enum → <see cref="GenericEnum"/>;
/// fixed → <see cref="GenericFixed"/>; array → List&lt;object?&gt;; map → Dictionary&lt;string, object?&gt;;
/// union → the value of its branch. Logical types: date → DateOnly; timestamp-millis and timestamp-micros →
/// DateTimeOffset at offset zero (DateTimeOffset's 100 ns ticks hold microseconds exactly); uuid → Guid;
/// decimal → <see cref="AvroDecimal"/> (exact at any precision, unlike System.Decimal).</para>
/// </summary>
public sealed class GenericDatumReader
{
    private static readonly ConditionalWeakTable<AvroSchema, ConcurrentDictionary<AvroSchema, GenericDatumReader>> Cache = [];

    private readonly DatumDecoder _root;

    /// <summary>Reads data written with <paramref name="schema"/> as that same schema.</summary>
    public GenericDatumReader(AvroSchema schema)
        : this(schema, schema)
    {
    }

    /// <summary>Compiles the resolution; throws <see cref="AvroException"/> when no data of the writer's schema could be read.</summary>
    public GenericDatumReader(AvroSchema writerSchema, AvroSchema readerSchema)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        ArgumentNullException.ThrowIfNull(readerSchema);
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema;
        _root = new ResolutionPlanBuilder().Build(writerSchema, readerSchema);
        if (_root.AlwaysFails)
        {
            throw new AvroException($"Cannot read data written with the writer's schema as the reader's: {_root.FailureMessage}");
        }
    }

    public AvroSchema WriterSchema { get; }

    public AvroSchema ReaderSchema { get; }

    /// <summary>The compiled reader for this pair of schema instances, built on first use.</summary>
    public static GenericDatumReader For(AvroSchema writerSchema, AvroSchema readerSchema)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        ArgumentNullException.ThrowIfNull(readerSchema);
        var byReader = Cache.GetValue(writerSchema, _ => new ConcurrentDictionary<AvroSchema, GenericDatumReader>(ReferenceEqualityComparer.Instance));
        return byReader.GetOrAdd(readerSchema, static (reader, writer) => new GenericDatumReader(writer, reader), writerSchema);
    }

    /// <summary>Reads one value from the reader's current position.</summary>
    public object? Read(ref AvroReader reader) => _root.Read(ref reader);

    /// <summary>Reads one value that must span all of <paramref name="data"/>: trailing bytes are malformed input.</summary>
    public object? Read(ReadOnlySpan<byte> data)
    {
        var reader = new AvroReader(data);
        object? value = _root.Read(ref reader);
        if (!reader.IsAtEnd)
        {
            throw new AvroException($"{reader.Remaining} bytes left after the value");
        }

        return value;
    }
}
