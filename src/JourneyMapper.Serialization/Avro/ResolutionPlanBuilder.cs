namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Compiles the specification's schema resolution for one (writer, reader) pair into a decoder tree. Mismatches
/// become error nodes: one that every read would hit fails the build; one behind a writer's union branch or an
/// enum symbol fails only if such data actually arrives, as the specification says.
/// </summary>
internal sealed class ResolutionPlanBuilder
{
    private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), RecordDecoder> _records = [];
    private readonly SkipperBuilder _skippers = new();

    public DatumDecoder Build(AvroSchema writer, AvroSchema reader)
    {
        if (writer is UnionSchema writerUnion)
        {
            var branches = new DatumDecoder[writerUnion.Branches.Count];
            for (int i = 0; i < branches.Length; i++)
            {
                branches[i] = Build(writerUnion.Branches[i], reader);
            }

            return new WriterUnionDecoder(branches);
        }

        if (reader is UnionSchema readerUnion)
        {
            int branch = SchemaMatching.FirstMatchingBranch(writer, readerUnion);
            return branch >= 0
                ? Build(writer, readerUnion.Branches[branch])
                : new ErrorDecoder($"The writer's {AvroNames.Describe(writer)} matches no branch of the reader's {AvroNames.Describe(reader)}");
        }

        if (!SchemaMatching.Matches(writer, reader))
        {
            return new ErrorDecoder($"The writer's {AvroNames.Describe(writer)} does not match the reader's {AvroNames.Describe(reader)}");
        }

        return reader switch
        {
            RecordSchema readerRecord => BuildRecord((RecordSchema)writer, readerRecord),
            EnumSchema readerEnum => new EnumDecoder((EnumSchema)writer, readerEnum),
            FixedSchema readerFixed => new FixedDecoder(readerFixed),
            ArraySchema readerArray => BuildArray((ArraySchema)writer, readerArray),
            MapSchema readerMap => BuildMap((MapSchema)writer, readerMap),
            _ => BuildPrimitive(writer, reader),
        };
    }

    private static DatumDecoder BuildPrimitive(AvroSchema writer, AvroSchema reader) => reader.Type switch
    {
        AvroType.Null => NullDecoder.Instance,
        AvroType.Boolean => BooleanDecoder.Instance,
        AvroType.Int => new IntDecoder(reader.LogicalType?.Kind == LogicalTypeKind.Date),
        AvroType.Long => new LongDecoder(writer.Type == AvroType.Int, reader.LogicalType?.Kind),
        AvroType.Float => new FloatDecoder(writer.Type),
        AvroType.Double => new DoubleDecoder(writer.Type),
        AvroType.Bytes => new BytesDecoder(reader.LogicalType is { Kind: LogicalTypeKind.Decimal } d ? d : null),
        AvroType.String => new StringDecoder(reader.LogicalType?.Kind == LogicalTypeKind.Uuid),
        _ => throw new InvalidOperationException($"Unexpected reader type {reader.Type}"),
    };

    private DatumDecoder BuildArray(ArraySchema writer, ArraySchema reader)
    {
        var items = Build(writer.Items, reader.Items);
        return items.AlwaysFails
            ? new ErrorDecoder($"Array items: {items.FailureMessage}")
            : new ArrayDecoder(items, EncodedSize.Minimum(writer.Items));
    }

    private DatumDecoder BuildMap(MapSchema writer, MapSchema reader)
    {
        var values = Build(writer.Values, reader.Values);
        return values.AlwaysFails
            ? new ErrorDecoder($"Map values: {values.FailureMessage}")
            : new MapDecoder(values, EncodedSize.MinimumMapEntry(writer.Values));
    }

    private RecordDecoder BuildRecord(RecordSchema writer, RecordSchema reader)
    {
        if (_records.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }

        var decoder = new RecordDecoder(reader);
        _records.Add((writer, reader), decoder);

        var matches = SchemaMatching.MatchFields(writer, reader);
        var steps = new RecordDecoder.FieldStep[writer.Fields.Count];
        var defaults = new List<RecordDecoder.DefaultFill>();
        string? error = null;

        foreach (var readerField in reader.Fields)
        {
            if (matches[readerField.Position] is { } writerField)
            {
                var fieldDecoder = Build(writerField.Schema, readerField.Schema);
                if (fieldDecoder.AlwaysFails)
                {
                    error ??= $"Field '{readerField.Name}' of record '{reader.FullName}': {fieldDecoder.FailureMessage}";
                }

                steps[writerField.Position] = new RecordDecoder.FieldStep(readerField.Position, fieldDecoder, null);
            }
            else if (readerField.TryGetDefault(out object? value, out string? defaultError))
            {
                defaults.Add(new RecordDecoder.DefaultFill(readerField.Position, value, GenericData.IsMutable(value)));
            }
            else
            {
                error ??= readerField.HasDefault
                    ? $"Record '{reader.FullName}': {defaultError}"
                    : $"Field '{readerField.Name}' of the reader's record '{reader.FullName}' has no default value and the writer's record '{writer.FullName}' has no such field";
            }
        }

        foreach (var writerField in writer.Fields)
        {
            if (steps[writerField.Position].Decoder is null)
            {
                steps[writerField.Position] = new RecordDecoder.FieldStep(-1, null, _skippers.Build(writerField.Schema));
            }
        }

        decoder.Complete(steps, [.. defaults], error);
        return decoder;
    }
}
