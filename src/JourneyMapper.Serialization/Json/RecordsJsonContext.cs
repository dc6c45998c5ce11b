using System.Text.Json.Serialization;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.Json;

/// <summary>Source-generated JSON contracts for the records: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EventTimeJsonConverter)])]
[JsonSerializable(typeof(ClickEvent))]
[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(JourneySegment))]
public sealed partial class RecordsJsonContext : JsonSerializerContext;
