namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// record: a GenericRecord of this record's name. One built on this very schema is written by position; one
/// built on another version of it is written by field name. Completed after creation so recursion terminates.
/// </summary>
internal sealed class RecordEncoder(RecordSchema schema) : DatumEncoder(schema)
{
    private DatumEncoder[] _fields = [];

    public void Complete(DatumEncoder[] fields) => _fields = fields;

    public override bool IsExact(object? value) => value is GenericRecord record &&
        (ReferenceEquals(record.Schema, schema) || record.Schema.FullName == schema.FullName);

    public override void Write(AvroWriter writer, object? value)
    {
        if (value is not GenericRecord record || !IsExact(record))
        {
            throw Mismatch(value);
        }

        writer.EnterNested();
        try
        {
            bool sameSchema = ReferenceEquals(record.Schema, schema);
            for (int i = 0; i < _fields.Length; i++)
            {
                try
                {
                    object? fieldValue = sameSchema ? record.Values[i] : ValueByName(record, schema.Fields[i].Name);
                    _fields[i].Write(writer, fieldValue);
                }
                catch (AvroException e) when (e.AddContext($"Field '{schema.Fields[i].Name}' of record '{schema.FullName}'"))
                {
                    // Never entered: the filter only annotates.
                    throw;
                }
            }
        }
        finally
        {
            // A reused writer must not carry depth over from a value that failed.
            writer.ExitNested();
        }
    }

    private static object? ValueByName(GenericRecord record, string name) =>
        record.TryGetValue(name, out object? value)
            ? value
            : throw new AvroException($"The value's record '{record.Schema.FullName}' has no field '{name}'");
}

