namespace JourneyMapper.Serialization.Avro;

/// <summary>The generic value of an enum: one symbol of one enum schema. Immutable.</summary>
public sealed class GenericEnum : IEquatable<GenericEnum>
{
    internal GenericEnum(EnumSchema schema, int index)
    {
        Schema = schema;
        Index = index;
    }

    public EnumSchema Schema { get; }

    public int Index { get; }

    public string Symbol => Schema.Symbols[Index];

    /// <summary>The shared instance for <paramref name="symbol"/> of <paramref name="schema"/>.</summary>
    public static GenericEnum Of(EnumSchema schema, string symbol)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.GetValue(symbol);
    }

    public bool Equals(GenericEnum? other) =>
        other is not null && (ReferenceEquals(this, other) || (Schema.FullName == other.Schema.FullName && Symbol == other.Symbol));

    public override bool Equals(object? obj) => Equals(obj as GenericEnum);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Symbol);

    public override string ToString() => Symbol;
}
