using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>
/// The Avro binary encoding of one record type for exactly its schema in schemas/, written by hand against
/// <see cref="AvroReader"/> and <see cref="AvroWriter"/>: no reflection, no generic values, no boxing on the hot path.
/// Data written with another schema goes through <see cref="FromGeneric"/> after schema resolution instead
/// (<see cref="AvroSerde{T}"/> decides which). Instances are stateless and thread-safe.
/// </summary>
public abstract class AvroRecordCodec<T>
    where T : class
{
    /// <param name="schema">The record's schema, as loaded from schemas/.</param>
    /// <param name="expectedCanonicalForm">
    /// The Parsing Canonical Form the hand-written code encodes. The canonical form decides the bytes, so when the
    /// .avsc file is edited without the codec this fails at first use instead of writing data no reader can read.
    /// </param>
    private protected AvroRecordCodec(AvroSchema schema, string expectedCanonicalForm)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!string.Equals(schema.ToCanonicalForm(), expectedCanonicalForm, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The schema of {typeof(T).Name} in schemas/ no longer matches what {GetType().Name} encodes; update the codec with the schema. " +
                $"Schema's canonical form: {schema.ToCanonicalForm()}");
        }

        Schema = schema;
        SchemaJson = schema.ToJson();
    }

    /// <summary>
    /// The canonical form leaves logical types out, yet they decide what the numbers mean (milliseconds or
    /// microseconds, the decimal's scale): each codec checks the ones it relies on here.
    /// </summary>
    private protected static void ExpectLogicalType(AvroSchema schema, string fieldName, LogicalType expected)
    {
        var field = ((RecordSchema)schema).GetField(fieldName)
            ?? throw new InvalidOperationException($"The schema '{schema}' has no field '{fieldName}'.");
        var type = field.Schema is UnionSchema union ? union.Branches[^1] : field.Schema;
        if (type.LogicalType != expected)
        {
            throw new InvalidOperationException(
                $"Field '{fieldName}' of {typeof(T).Name}'s schema has logical type {type.LogicalType?.ToString() ?? "none"}, but its codec was written for {expected}.");
        }
    }

    /// <summary>The writer's schema of everything this codec encodes, and the reader's schema it decodes into.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The schema as compact JSON (docs and defaults kept): what a serializer registers.</summary>
    public string SchemaJson { get; }

    /// <summary>Appends <paramref name="value"/>'s encoding; throws <see cref="AvroException"/> when it does not fit the schema (e.g. a required field is null).</summary>
    public abstract void Write(AvroWriter writer, T value);

    /// <summary>Reads one record written with <see cref="Schema"/>; malformed input throws <see cref="AvroException"/>.</summary>
    public abstract T Read(ref AvroReader reader);

    /// <summary>
    /// Maps a generic record already resolved to <see cref="Schema"/> (by <c>GenericDatumReader(writerSchema, Schema)</c>)
    /// to the typed record: the schema-evolution path.
    /// </summary>
    public abstract T FromGeneric(GenericRecord record);

    /// <summary>Reads one record that must span all of <paramref name="body"/>: trailing bytes are malformed input.</summary>
    public T Decode(ReadOnlySpan<byte> body)
    {
        var reader = new AvroReader(body);
        var value = Read(ref reader);
        if (!reader.IsAtEnd)
        {
            AvroFields.TrailingBytes(reader.Remaining);
        }

        return value;
    }

    /// <summary>Encodes one record into a new array.</summary>
    public byte[] Encode(T value)
    {
        using var writer = new AvroWriter();
        Write(writer, value);
        return writer.ToArray();
    }
}
