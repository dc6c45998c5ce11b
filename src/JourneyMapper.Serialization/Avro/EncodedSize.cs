namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The fewest bytes a value of a schema can take in binary encoding. Readers check collection counts against it
/// so a block claiming more items than the remaining input could hold is rejected before anything is sized by it.
/// </summary>
internal static class EncodedSize
{
    public static int Minimum(AvroSchema schema) => Minimum(schema, new HashSet<RecordSchema>(ReferenceEqualityComparer.Instance));

    /// <summary>A map entry: its key (a string, one byte at least) and its value.</summary>
    public static int MinimumMapEntry(AvroSchema values) => (int)Math.Min(int.MaxValue, 1L + Minimum(values));

    private static int Minimum(AvroSchema schema, HashSet<RecordSchema> inProgress)
    {
        switch (schema)
        {
            case { Type: AvroType.Null }:
                return 0;
            case { Type: AvroType.Float }:
                return 4;
            case { Type: AvroType.Double }:
                return 8;
            case FixedSchema fixedSchema:
                return fixedSchema.Size;
            case RecordSchema record:
                // A record that contains itself directly can have no finite value; counting it as 0 only makes
                // the bound looser, never wrong.
                if (!inProgress.Add(record))
                {
                    return 0;
                }

                long total = 0;
                foreach (var field in record.Fields)
                {
                    total = Math.Min(int.MaxValue, total + Minimum(field.Schema, inProgress));
                }

                inProgress.Remove(record);
                return (int)total;
            default:
                // boolean, int, long, bytes, string, enum, array, map and union all take at least one byte.
                return 1;
        }
    }
}
