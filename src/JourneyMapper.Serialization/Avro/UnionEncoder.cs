namespace JourneyMapper.Serialization.Avro;

/// <summary>union: writes the index of the first branch the value exactly belongs to, else the first that accepts it.</summary>
internal sealed class UnionEncoder(UnionSchema schema, DatumEncoder[] branches) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => SelectBranch(value) >= 0;

    public override void Write(AvroWriter writer, object? value)
    {
        int index = SelectBranch(value);
        if (index < 0)
        {
            throw Mismatch(value);
        }

        writer.WriteUnionIndex(index);
        branches[index].Write(writer, value);
    }

    private int SelectBranch(object? value)
    {
        for (int i = 0; i < branches.Length; i++)
        {
            if (branches[i].IsExact(value))
            {
                return i;
            }
        }

        for (int i = 0; i < branches.Length; i++)
        {
            if (branches[i].Accepts(value))
            {
                return i;
            }
        }

        return -1;
    }
}

