using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// Confluent's compatibility rules for Avro, decided by Avro schema resolution (<see cref="SchemaCompatibility"/>):
/// BACKWARD means the new schema can read data written with the old one (consumers upgrade first), FORWARD that
/// the old schema can read data written with the new one (producers upgrade first), FULL both. Transitive levels
/// compare with every existing version, the others with the latest only; NONE accepts anything. Replaces
/// <see cref="TextEqualityCompatibilityChecker"/>: pass it, with <see cref="NormalizeSchema"/>, to the in-process
/// registry. Stateless and thread-safe.
/// </summary>
public sealed class AvroCompatibilityChecker : ISchemaCompatibilityChecker
{
    public static AvroCompatibilityChecker Instance { get; } = new();

    public CompatibilityResult Check(string newSchema, IReadOnlyList<string> existingSchemas, CompatibilityLevel level)
    {
        ArgumentNullException.ThrowIfNull(newSchema);
        ArgumentNullException.ThrowIfNull(existingSchemas);
        if (level == CompatibilityLevel.None || existingSchemas.Count == 0)
        {
            return CompatibilityResult.Compatible;
        }

        AvroSchema candidate;
        try
        {
            candidate = AvroSchema.Parse(newSchema);
        }
        catch (AvroException e)
        {
            return CompatibilityResult.Incompatible($"The new schema is not a valid Avro schema: {e.Message}");
        }

        var backward = level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var forward = level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var transitive = level.IsTransitive();
        var messages = new List<string>();
        for (var i = transitive ? 0 : existingSchemas.Count - 1; i < existingSchemas.Count; i++)
        {
            var which = transitive ? $"existing schema #{i + 1} (oldest first)" : "the latest schema";
            AvroSchema existing;
            try
            {
                existing = AvroSchema.Parse(existingSchemas[i]);
            }
            catch (AvroException e)
            {
                // A registry only stores schemas it could parse; one that no longer parses cannot vouch for anything.
                messages.Add($"{which} is not a valid Avro schema: {e.Message}");
                continue;
            }

            if (backward)
            {
                Report(messages, SchemaCompatibility.Check(reader: candidate, writer: existing), $"{level.ToWireName()}: the new schema cannot read data written with {which}");
            }

            if (forward)
            {
                Report(messages, SchemaCompatibility.Check(reader: existing, writer: candidate), $"{level.ToWireName()}: {which} cannot read data written with the new schema");
            }
        }

        return messages.Count == 0 ? CompatibilityResult.Compatible : new CompatibilityResult(false, messages);
    }

    /// <summary>
    /// For <c>InProcessSchemaRegistryOptions.NormalizeSchema</c>: validates the text as an Avro schema (what it
    /// throws for, the registry answers 42201) and rewrites it as the parsed schema's full JSON in a fixed layout and
    /// attribute order, so schemas that differ only in layout, attribute order or how a name's namespace is spelled
    /// share one id. Deliberately not the Parsing Canonical Form alone: that strips defaults, aliases and logical
    /// types, so a new version that only adds a default would be taken for the old one and never stored, and readers
    /// fetching it by id would not see the default. Confluent's registry keeps those apart as well.
    /// </summary>
    /// <exception cref="AvroException">The text is not a valid Avro schema.</exception>
    public static string NormalizeSchema(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return AvroSchema.Parse(schema).ToJson();
    }

    /// <summary>The Parsing Canonical Form: the identity of what the bytes mean to a reader, for comparisons that should ignore docs and defaults.</summary>
    /// <exception cref="AvroException">The text is not a valid Avro schema.</exception>
    public static string CanonicalForm(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return AvroSchema.Parse(schema).ToCanonicalForm();
    }

    private static void Report(List<string> messages, SchemaCompatibilityResult result, string context)
    {
        foreach (var problem in result.Incompatibilities)
        {
            messages.Add($"{context}: {problem}");
        }
    }
}
