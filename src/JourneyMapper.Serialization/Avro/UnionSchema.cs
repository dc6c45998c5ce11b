namespace JourneyMapper.Serialization.Avro;

/// <summary>A union: a value of exactly one of its branches, encoded with the branch's position first.</summary>
public sealed class UnionSchema : AvroSchema
{
    internal UnionSchema(AvroSchema[] branches)
        : base(AvroType.Union, null, null)
    {
        Branches = branches;
    }

    public IReadOnlyList<AvroSchema> Branches { get; }
}
