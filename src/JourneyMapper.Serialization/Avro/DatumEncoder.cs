namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// One node of a compiled writer: encodes a generic value under one schema. <see cref="IsExact"/> and
/// <see cref="Accepts"/> let a union pick its branch: the first whose own .NET type the value has, else the
/// first that takes it after a widening (an int into a long branch, a string symbol into an enum).
/// </summary>
internal abstract class DatumEncoder(AvroSchema schema)
{
    private readonly string _expected = AvroNames.Describe(schema);

    public abstract void Write(AvroWriter writer, object? value);

    /// <summary>The value is of the .NET type this schema decodes to.</summary>
    public abstract bool IsExact(object? value);

    /// <summary>The value can be written, possibly after a lossless conversion.</summary>
    public virtual bool Accepts(object? value) => IsExact(value);

    protected AvroException Mismatch(object? value) =>
        new($"{(value is null ? "null" : "a " + value.GetType().Name)} cannot be written as {_expected}");
}
