namespace JourneyMapper.Serialization.Avro;

/// <summary>Builds skippers for a writer's schema, sharing one per record so recursion terminates.</summary>
internal sealed class SkipperBuilder
{
    private readonly Dictionary<RecordSchema, RecordSkipper> _records = new(ReferenceEqualityComparer.Instance);

    public DatumSkipper Build(AvroSchema schema)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                return new PrimitiveSkipper(primitive.Type);
            case FixedSchema fixedSchema:
                return new FixedSkipper(fixedSchema.Size);
            case EnumSchema enumSchema:
                return new EnumSkipper(enumSchema.Symbols.Count);
            case ArraySchema array:
                return new ArraySkipper(Build(array.Items), EncodedSize.Minimum(array.Items));
            case MapSchema map:
                return new MapSkipper(Build(map.Values), EncodedSize.MinimumMapEntry(map.Values));
            case UnionSchema union:
                var branches = new DatumSkipper[union.Branches.Count];
                for (int i = 0; i < branches.Length; i++)
                {
                    branches[i] = Build(union.Branches[i]);
                }

                return new UnionSkipper(branches);
            case RecordSchema record:
                if (_records.TryGetValue(record, out var existing))
                {
                    return existing;
                }

                var skipper = new RecordSkipper();
                _records.Add(record, skipper);
                var fields = new DatumSkipper[record.Fields.Count];
                for (int i = 0; i < fields.Length; i++)
                {
                    fields[i] = Build(record.Fields[i].Schema);
                }

                skipper.Complete(fields);
                return skipper;
            default:
                throw new InvalidOperationException($"Unexpected schema {schema.GetType().Name}");
        }
    }
}
