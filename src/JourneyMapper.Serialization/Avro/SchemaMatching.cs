namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The specification's notion of a writer's schema matching a reader's (shallowly: deeper differences are found
/// when the matched pair is resolved), the promotions it allows, and name and field matching with aliases.
/// Shared by the resolving reader and the compatibility checker so the two can never disagree.
/// </summary>
internal static class SchemaMatching
{
    public static bool Matches(AvroSchema writer, AvroSchema reader)
    {
        if (writer.Type == AvroType.Union || reader.Type == AvroType.Union)
        {
            return true;
        }

        if (writer.Type == reader.Type)
        {
            return writer switch
            {
                RecordSchema or EnumSchema => NamesMatch((NamedSchema)writer, (NamedSchema)reader),
                FixedSchema fixedWriter => NamesMatch(fixedWriter, (NamedSchema)reader) &&
                    fixedWriter.Size == ((FixedSchema)reader).Size && DecimalsMatch(writer, reader),
                _ => DecimalsMatch(writer, reader),
            };
        }

        return IsPromotable(writer.Type, reader.Type);
    }

    public static bool IsPromotable(AvroType writer, AvroType reader) => (writer, reader) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) => true,
        (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };

    /// <summary>Two decimals match only with equal precision and scale; a decimal and a plain type match as their underlying types.</summary>
    public static bool DecimalsMatch(AvroSchema writer, AvroSchema reader) =>
        writer.LogicalType is not { Kind: LogicalTypeKind.Decimal } writerDecimal ||
        reader.LogicalType is not { Kind: LogicalTypeKind.Decimal } readerDecimal ||
        writerDecimal == readerDecimal;

    /// <summary>
    /// Unqualified names match, as the specification says; the reader's aliases stand in for its name (by fullname
    /// or, like the name itself, unqualified).
    /// </summary>
    public static bool NamesMatch(NamedSchema writer, NamedSchema reader)
    {
        if (writer.Name == reader.Name)
        {
            return true;
        }

        foreach (string alias in reader.Aliases)
        {
            if (alias == writer.FullName || UnqualifiedName(alias) == writer.Name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The reader union's branch for a (non-union) writer schema, or -1. The same type (for named types, the same
    /// full name) wins over a match by short name or alias, which wins over a promotion: data read back with the
    /// schema it was written with keeps its branch, as Java's resolver (bestBranch) and so Confluent consumers do.
    /// </summary>
    public static int FirstMatchingBranch(AvroSchema writer, UnionSchema reader)
    {
        var byName = -1;
        var byPromotion = -1;
        for (int i = 0; i < reader.Branches.Count; i++)
        {
            var branch = reader.Branches[i];
            if (!Matches(writer, branch))
            {
                continue;
            }

            if (writer.Type == branch.Type && writer.LogicalType == branch.LogicalType
                && (writer is not NamedSchema named || named.FullName == ((NamedSchema)branch).FullName))
            {
                return i;
            }

            if (writer.Type == branch.Type)
            {
                byName = byName < 0 ? i : byName;
            }
            else
            {
                byPromotion = byPromotion < 0 ? i : byPromotion;
            }
        }

        return byName >= 0 ? byName : byPromotion;
    }

    /// <summary>
    /// For each reader field, the writer field it reads (by name first, then by the reader field's aliases), or null.
    /// A writer field is read by one reader field at most.
    /// </summary>
    public static RecordField?[] MatchFields(RecordSchema writer, RecordSchema reader)
    {
        var matches = new RecordField?[reader.Fields.Count];
        var used = new bool[writer.Fields.Count];
        foreach (var readerField in reader.Fields)
        {
            if (writer.GetField(readerField.Name) is { } writerField)
            {
                matches[readerField.Position] = writerField;
                used[writerField.Position] = true;
            }
        }

        foreach (var readerField in reader.Fields)
        {
            if (matches[readerField.Position] is not null)
            {
                continue;
            }

            foreach (string alias in readerField.Aliases)
            {
                if (writer.GetField(alias) is { } writerField && !used[writerField.Position])
                {
                    matches[readerField.Position] = writerField;
                    used[writerField.Position] = true;
                    break;
                }
            }
        }

        return matches;
    }

    private static string UnqualifiedName(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        return dot < 0 ? fullName : fullName[(dot + 1)..];
    }
}
