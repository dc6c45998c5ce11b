namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Skips a value of the writer's schema that the reader does not want, validating as it goes (lengths, indexes,
/// block sizes) without allocating. Blocks that carry their byte size are skipped whole.
/// </summary>
internal abstract class DatumSkipper
{
    public abstract void Skip(ref AvroReader reader);
}

internal sealed class PrimitiveSkipper(AvroType type) : DatumSkipper
{
    public override void Skip(ref AvroReader reader)
    {
        switch (type)
        {
            case AvroType.Null:
                break;
            case AvroType.Boolean:
                reader.SkipBoolean();
                break;
            case AvroType.Int:
                reader.SkipInt();
                break;
            case AvroType.Long:
                reader.SkipLong();
                break;
            case AvroType.Float:
                reader.SkipFloat();
                break;
            case AvroType.Double:
                reader.SkipDouble();
                break;
            default:
                // bytes and string share one encoding.
                reader.SkipBytes();
                break;
        }
    }
}

internal sealed class FixedSkipper(int size) : DatumSkipper
{
    public override void Skip(ref AvroReader reader) => reader.SkipFixed(size);
}

internal sealed class EnumSkipper(int symbolCount) : DatumSkipper
{
    public override void Skip(ref AvroReader reader) => reader.ReadEnumIndex(symbolCount);
}

internal sealed class ArraySkipper(DatumSkipper items, int minItemBytes) : DatumSkipper
{
    public override void Skip(ref AvroReader reader)
    {
        for (int count = reader.ReadBlockCountForSkip(minItemBytes); count != 0; count = reader.ReadBlockCountForSkip(minItemBytes))
        {
            for (int i = 0; i < count; i++)
            {
                items.Skip(ref reader);
            }
        }
    }
}

internal sealed class MapSkipper(DatumSkipper values, int minEntryBytes) : DatumSkipper
{
    public override void Skip(ref AvroReader reader)
    {
        for (int count = reader.ReadBlockCountForSkip(minEntryBytes); count != 0; count = reader.ReadBlockCountForSkip(minEntryBytes))
        {
            for (int i = 0; i < count; i++)
            {
                reader.SkipString();
                values.Skip(ref reader);
            }
        }
    }
}

internal sealed class UnionSkipper(DatumSkipper[] branches) : DatumSkipper
{
    public override void Skip(ref AvroReader reader) => branches[reader.ReadUnionIndex(branches.Length)].Skip(ref reader);
}

/// <summary>Completed after creation so recursive records can skip themselves.</summary>
internal sealed class RecordSkipper : DatumSkipper
{
    private DatumSkipper[] _fields = [];

    public void Complete(DatumSkipper[] fields) => _fields = fields;

    public override void Skip(ref AvroReader reader)
    {
        reader.EnterNested();
        foreach (var field in _fields)
        {
            field.Skip(ref reader);
        }

        reader.ExitNested();
    }
}

