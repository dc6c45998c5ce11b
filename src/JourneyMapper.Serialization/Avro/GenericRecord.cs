namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The generic value of a record: its schema and one value per field, in field order. Values follow the
/// mapping documented on <see cref="GenericDatumReader"/>. Mutable; not thread-safe.
/// </summary>
public sealed class GenericRecord : IEquatable<GenericRecord>
{
    private readonly object?[] _values;

    /// <summary>A record with every field null (fields must be set before writing unless their type allows null).</summary>
    public GenericRecord(RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _values = new object?[schema.Fields.Count];
    }

    internal GenericRecord(RecordSchema schema, object?[] values)
    {
        Schema = schema;
        _values = values;
    }

    public RecordSchema Schema { get; }

    public int FieldCount => _values.Length;

    public object? this[int position]
    {
        get => _values[position];
        set => _values[position] = value;
    }

    public object? this[string fieldName]
    {
        get => _values[PositionOf(fieldName)];
        set => _values[PositionOf(fieldName)] = value;
    }

    public bool TryGetValue(string fieldName, out object? value)
    {
        if (Schema.TryGetField(fieldName, out var field))
        {
            value = _values[field.Position];
            return true;
        }

        value = null;
        return false;
    }

    internal ReadOnlySpan<object?> Values => _values;

    /// <summary>Deep equality: same record name, equal values (byte arrays, lists and maps by content).</summary>
    public bool Equals(GenericRecord? other)
    {
        if (other is null || Schema.FullName != other.Schema.FullName || _values.Length != other._values.Length)
        {
            return false;
        }

        for (int i = 0; i < _values.Length; i++)
        {
            if (!GenericData.DeepEquals(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as GenericRecord);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, _values.Length);

    public override string ToString() => GenericData.ToDisplayString(this);

    private int PositionOf(string fieldName) =>
        Schema.TryGetField(fieldName, out var field)
            ? field.Position
            : throw new KeyNotFoundException($"Record '{Schema.FullName}' has no field '{fieldName}'");
}
