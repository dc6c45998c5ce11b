namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Whether data written with one schema can be read with another, by the same rules the resolving reader applies
/// (<see cref="SchemaMatching"/>), but judged over every possible value: each branch of a writer's union and each
/// writer enum symbol must be readable. BACKWARD compatibility of a new schema is
/// <c>Check(reader: newSchema, writer: previousSchema)</c>; FORWARD swaps the two.
/// </summary>
public static class SchemaCompatibility
{
    public static SchemaCompatibilityResult Check(AvroSchema reader, AvroSchema writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        var checker = new Checker();
        checker.Check(reader, writer, string.Empty);
        return new SchemaCompatibilityResult(checker.Incompatibilities);
    }

    private sealed class Checker
    {
        // Pairs being checked higher up the stack: meeting one again (a recursive schema) adds nothing new.
        private readonly HashSet<(AvroSchema Reader, AvroSchema Writer)> _visiting = [];

        public List<string> Incompatibilities { get; } = [];

        public void Check(AvroSchema reader, AvroSchema writer, string path)
        {
            if (!_visiting.Add((reader, writer)))
            {
                return;
            }

            try
            {
                CheckPair(reader, writer, path);
            }
            finally
            {
                _visiting.Remove((reader, writer));
            }
        }

        private void CheckPair(AvroSchema reader, AvroSchema writer, string path)
        {
            if (writer is UnionSchema writerUnion)
            {
                for (int i = 0; i < writerUnion.Branches.Count; i++)
                {
                    Check(reader, writerUnion.Branches[i], $"{path}/{i}");
                }

                return;
            }

            if (reader is UnionSchema readerUnion)
            {
                int branch = SchemaMatching.FirstMatchingBranch(writer, readerUnion);
                if (branch < 0)
                {
                    Report(path, $"the reader's {AvroNames.Describe(reader)} has no branch for the writer's {AvroNames.Describe(writer)}");
                }
                else
                {
                    Check(readerUnion.Branches[branch], writer, path);
                }

                return;
            }

            if (!SchemaMatching.Matches(writer, reader))
            {
                Report(path, MismatchReason(reader, writer));
                return;
            }

            switch (reader)
            {
                case RecordSchema readerRecord:
                    CheckRecord(readerRecord, (RecordSchema)writer, path);
                    break;
                case EnumSchema readerEnum:
                    CheckEnum(readerEnum, (EnumSchema)writer, path);
                    break;
                case ArraySchema readerArray:
                    Check(readerArray.Items, ((ArraySchema)writer).Items, path + "/items");
                    break;
                case MapSchema readerMap:
                    Check(readerMap.Values, ((MapSchema)writer).Values, path + "/values");
                    break;
            }
        }

        private void CheckRecord(RecordSchema reader, RecordSchema writer, string path)
        {
            var matches = SchemaMatching.MatchFields(writer, reader);
            foreach (var readerField in reader.Fields)
            {
                string fieldPath = $"{path}/fields/{readerField.Name}";
                if (matches[readerField.Position] is { } writerField)
                {
                    Check(readerField.Schema, writerField.Schema, fieldPath);
                }
                else if (!readerField.HasDefault)
                {
                    Report(fieldPath, $"the reader's field '{readerField.Name}' has no default value and the writer's record '{writer.FullName}' has no such field");
                }
                else if (!readerField.TryGetDefault(out _, out string? error))
                {
                    Report(fieldPath, error!);
                }
            }
        }

        private void CheckEnum(EnumSchema reader, EnumSchema writer, string path)
        {
            if (reader.Default is not null)
            {
                return;
            }

            var missing = new List<string>();
            foreach (string symbol in writer.Symbols)
            {
                if (reader.IndexOf(symbol) < 0)
                {
                    missing.Add(symbol);
                }
            }

            if (missing.Count > 0)
            {
                Report(path + "/symbols", $"the reader's enum '{reader.FullName}' lacks the writer's symbols [{string.Join(", ", missing)}] and has no default");
            }
        }

        private static string MismatchReason(AvroSchema reader, AvroSchema writer)
        {
            if (reader.Type == writer.Type && reader is NamedSchema readerNamed && writer is NamedSchema writerNamed)
            {
                if (!SchemaMatching.NamesMatch(writerNamed, readerNamed))
                {
                    return $"the reader's name '{readerNamed.FullName}' does not match the writer's '{writerNamed.FullName}' (nor any reader alias)";
                }

                if (reader is FixedSchema readerFixed && writer is FixedSchema writerFixed && readerFixed.Size != writerFixed.Size)
                {
                    return $"the reader's fixed '{readerFixed.FullName}' has size {readerFixed.Size}, the writer's {writerFixed.Size}";
                }
            }

            if (reader.LogicalType is { Kind: LogicalTypeKind.Decimal } readerDecimal &&
                writer.LogicalType is { Kind: LogicalTypeKind.Decimal } writerDecimal)
            {
                return $"the reader's decimal({readerDecimal.Precision},{readerDecimal.Scale}) differs from the writer's decimal({writerDecimal.Precision},{writerDecimal.Scale})";
            }

            return $"the reader's {AvroNames.Describe(reader)} cannot read the writer's {AvroNames.Describe(writer)}";
        }

        private void Report(string path, string message) =>
            Incompatibilities.Add($"{(path.Length == 0 ? "/" : path)}: {message}");
    }
}
