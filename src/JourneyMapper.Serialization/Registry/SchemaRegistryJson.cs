using System.Text.Json.Serialization;

namespace JourneyMapper.Serialization.Registry;

// Bodies of Confluent's REST API. Names are given one by one because the API mixes snake_case
// (error_code, is_compatible) with camelCase (compatibilityLevel, schemaType). Parameters without a default are
// required, so a registry (or proxy) answering 200 with a partial body fails loudly instead of yielding id 0.

internal sealed record SchemaRequest([property: JsonPropertyName("schema")] string Schema);

internal sealed record SchemaIdResponse([property: JsonPropertyName("id")] int Id);

internal sealed record SchemaResponse([property: JsonPropertyName("schema")] string? Schema);

internal sealed record SubjectVersionResponse(
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("schema")] string? Schema);

internal sealed record CompatibilityResponse(
    [property: JsonPropertyName("is_compatible")] bool IsCompatible,
    [property: JsonPropertyName("messages")] IReadOnlyList<string>? Messages = null);

internal sealed record ConfigResponse([property: JsonPropertyName("compatibilityLevel")] string? CompatibilityLevel);

internal sealed record ConfigUpdate([property: JsonPropertyName("compatibility")] string Compatibility);

internal sealed record ErrorResponse(
    [property: JsonPropertyName("error_code")] int? ErrorCode = null,
    [property: JsonPropertyName("message")] string? Message = null);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SchemaRequest))]
[JsonSerializable(typeof(SchemaIdResponse))]
[JsonSerializable(typeof(SchemaResponse))]
[JsonSerializable(typeof(SubjectVersionResponse))]
[JsonSerializable(typeof(CompatibilityResponse))]
[JsonSerializable(typeof(ConfigResponse))]
[JsonSerializable(typeof(ConfigUpdate))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class SchemaRegistryJsonContext : JsonSerializerContext;
