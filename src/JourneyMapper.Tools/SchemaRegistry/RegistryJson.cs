using System.Text.Json.Serialization;

namespace JourneyMapper.Tools.SchemaRegistry;

// The server's own copies of Confluent's bodies, written from the API reference rather than shared with the
// client, so a mistake in one side's contract shows up as a failing test instead of cancelling out.

internal sealed record SchemaIdBody([property: JsonPropertyName("id")] int Id);

internal sealed record SchemaBody([property: JsonPropertyName("schema")] string Schema);

internal sealed record SubjectVersionBody(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("schema")] string Schema);

internal sealed record CompatibilityBody(
    [property: JsonPropertyName("is_compatible")] bool IsCompatible,
    [property: JsonPropertyName("messages")] IReadOnlyList<string>? Messages);

internal sealed record CompatibilityLevelBody([property: JsonPropertyName("compatibilityLevel")] string CompatibilityLevel);

internal sealed record CompatibilityUpdateBody([property: JsonPropertyName("compatibility")] string Compatibility);

internal sealed record ErrorBody(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("message")] string Message);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SchemaIdBody))]
[JsonSerializable(typeof(SchemaBody))]
[JsonSerializable(typeof(SubjectVersionBody))]
[JsonSerializable(typeof(CompatibilityBody))]
[JsonSerializable(typeof(CompatibilityLevelBody))]
[JsonSerializable(typeof(CompatibilityUpdateBody))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
