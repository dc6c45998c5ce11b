namespace JourneyMapper.Serialization.Avro;

/// <summary>Builds the encoder tree for a schema, sharing one encoder per record so recursion terminates.</summary>
internal sealed class EncoderBuilder
{
    private readonly Dictionary<RecordSchema, RecordEncoder> _records = new(ReferenceEqualityComparer.Instance);

    public DatumEncoder Build(AvroSchema schema)
    {
        switch (schema)
        {
            case RecordSchema record:
                if (_records.TryGetValue(record, out var existing))
                {
                    return existing;
                }

                var encoder = new RecordEncoder(record);
                _records.Add(record, encoder);
                var fields = new DatumEncoder[record.Fields.Count];
                for (int i = 0; i < fields.Length; i++)
                {
                    fields[i] = Build(record.Fields[i].Schema);
                }

                encoder.Complete(fields);
                return encoder;
            case EnumSchema enumSchema:
                return new EnumEncoder(enumSchema);
            case FixedSchema fixedSchema:
                return new FixedEncoder(fixedSchema);
            case ArraySchema array:
                return new ArrayEncoder(array, Build(array.Items));
            case MapSchema map:
                return new MapEncoder(map, Build(map.Values));
            case UnionSchema union:
                var branches = new DatumEncoder[union.Branches.Count];
                for (int i = 0; i < branches.Length; i++)
                {
                    branches[i] = Build(union.Branches[i]);
                }

                return new UnionEncoder(union, branches);
            default:
                return schema.Type switch
                {
                    AvroType.Null => new NullEncoder(schema),
                    AvroType.Boolean => new BooleanEncoder(schema),
                    AvroType.Int => new IntEncoder(schema),
                    AvroType.Long => new LongEncoder(schema),
                    AvroType.Float => new FloatEncoder(schema),
                    AvroType.Double => new DoubleEncoder(schema),
                    AvroType.Bytes => new BytesEncoder(schema),
                    _ => new StringEncoder(schema),
                };
        }
    }
}
