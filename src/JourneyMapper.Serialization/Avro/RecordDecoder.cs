namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Reads a record in the writer's field order: each writer field is either decoded into its reader field's slot
/// or skipped; reader fields the writer lacks get their defaults. Created empty and completed later, so a
/// recursive schema's plan can refer to itself.
/// </summary>
internal sealed class RecordDecoder(RecordSchema readerSchema) : DatumDecoder
{
    private FieldStep[] _steps = [];
    private DefaultFill[] _defaults = [];
    private string? _error;

    public override bool AlwaysFails => _error is not null;

    public override string? FailureMessage => _error;

    public void Complete(FieldStep[] steps, DefaultFill[] defaults, string? error)
    {
        _steps = steps;
        _defaults = defaults;
        _error = error;
    }

    public override object Read(ref AvroReader reader)
    {
        if (_error is not null)
        {
            throw new AvroException(_error);
        }

        reader.EnterNested();
        var values = new object?[readerSchema.Fields.Count];
        foreach (var step in _steps)
        {
            if (step.Decoder is { } decoder)
            {
                values[step.Target] = decoder.Read(ref reader);
            }
            else
            {
                step.Skipper!.Skip(ref reader);
            }
        }

        foreach (var fill in _defaults)
        {
            // Mutable defaults (lists, maps, bytes, records) are copied so no two records share one.
            values[fill.Target] = fill.Copy ? GenericData.DeepCopy(fill.Value) : fill.Value;
        }

        reader.ExitNested();
        return new GenericRecord(readerSchema, values);
    }

    /// <summary>A writer field: decoded into reader slot <see cref="Target"/>, or skipped when <see cref="Decoder"/> is null.</summary>
    internal readonly record struct FieldStep(int Target, DatumDecoder? Decoder, DatumSkipper? Skipper);

    internal readonly record struct DefaultFill(int Target, object? Value, bool Copy);
}
