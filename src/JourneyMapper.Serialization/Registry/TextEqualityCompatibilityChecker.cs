using System.Text.Json;

namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// PLACEHOLDER until the Avro codec provides a real Avro schema-resolution checker, which replaces this one
/// wherever an <see cref="ISchemaCompatibilityChecker"/> is injected. It calls schemas compatible only when their
/// JSON is identical after <see cref="SchemaText.Normalize"/>, so it refuses every real evolution (even adding an
/// optional field): strict enough that nothing it accepts is wrong, never lenient enough for production rules.
/// </summary>
public sealed class TextEqualityCompatibilityChecker : ISchemaCompatibilityChecker
{
    public CompatibilityResult Check(string newSchema, IReadOnlyList<string> existingSchemas, CompatibilityLevel level)
    {
        ArgumentNullException.ThrowIfNull(newSchema);
        ArgumentNullException.ThrowIfNull(existingSchemas);
        if (level == CompatibilityLevel.None || existingSchemas.Count == 0)
        {
            return CompatibilityResult.Compatible;
        }

        string candidate;
        try
        {
            candidate = SchemaText.Normalize(newSchema);
        }
        catch (JsonException e)
        {
            return CompatibilityResult.Incompatible($"The new schema is not valid JSON: {e.Message}");
        }

        var compared = level.IsTransitive() ? existingSchemas : [existingSchemas[^1]];
        var messages = new List<string>();
        for (var i = 0; i < compared.Count; i++)
        {
            if (!string.Equals(candidate, NormalizeOrSelf(compared[i]), StringComparison.Ordinal))
            {
                var which = level.IsTransitive() ? $"existing schema #{i + 1} (oldest first)" : "the latest schema";
                messages.Add($"The new schema differs from {which}; the placeholder checker accepts identical schemas only.");
            }
        }

        return messages.Count == 0 ? CompatibilityResult.Compatible : new CompatibilityResult(false, messages);
    }

    // A stored schema was valid when registered; falling back to raw text keeps a corrupt one from throwing here.
    private static string NormalizeOrSelf(string schema)
    {
        try
        {
            return SchemaText.Normalize(schema);
        }
        catch (JsonException)
        {
            return schema;
        }
    }
}
