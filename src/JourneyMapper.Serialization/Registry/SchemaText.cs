using System.Text.Json;

namespace JourneyMapper.Serialization.Registry;

/// <summary>Whitespace-insensitive identity for schema text, which is JSON for Avro.</summary>
public static class SchemaText
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Re-writes <paramref name="schema"/> as compact JSON, keeping member order and every value, so two texts
    /// that differ only in layout (or in how a character is escaped) normalize to the same string.
    /// </summary>
    /// <exception cref="JsonException">The text is not a single JSON value.</exception>
    public static string Normalize(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var document = JsonDocument.Parse(schema, StrictJson);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(schema.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
