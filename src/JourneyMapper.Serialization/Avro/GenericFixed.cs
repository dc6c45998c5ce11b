namespace JourneyMapper.Serialization.Avro;

/// <summary>The generic value of a fixed: exactly <see cref="FixedSchema.Size"/> bytes. Immutable.</summary>
public sealed class GenericFixed : IEquatable<GenericFixed>
{
    private readonly byte[] _bytes;

    /// <summary>Copies <paramref name="bytes"/>, whose length must be the schema's size.</summary>
    public GenericFixed(FixedSchema schema, ReadOnlySpan<byte> bytes)
        : this(schema, bytes.ToArray())
    {
    }

    // Takes ownership: the decoder hands over a fresh array, so no second copy.
    internal GenericFixed(FixedSchema schema, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (bytes.Length != schema.Size)
        {
            throw new AvroException($"Fixed '{schema.FullName}' holds {schema.Size} bytes, not {bytes.Length}");
        }

        Schema = schema;
        _bytes = bytes;
    }

    public FixedSchema Schema { get; }

    public ReadOnlyMemory<byte> Value => _bytes;

    public bool Equals(GenericFixed? other) =>
        other is not null && Schema.FullName == other.Schema.FullName && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as GenericFixed);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Schema.FullName);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => Convert.ToHexString(_bytes);
}
