using System.Text.Json;
using System.Text.Json.Serialization;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.Json;

/// <summary>
/// <see cref="EventProperties"/> in JSON: an object of string values, <c>{"currency":"EUR","price":"49.90"}</c>,
/// written in the map's order, exactly as a dictionary of strings is. A repeated key keeps its last value; a value
/// that is not a string (null included) is malformed, as the Avro schema's <c>map of string</c> says.
/// <c>"properties": null</c> or no member at all is an event without properties, handled by the nullable property.
/// </summary>
public sealed class EventPropertiesJsonConverter : JsonConverter<EventProperties>
{
    public override EventProperties Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"properties must be an object, not {reader.TokenType}");
        }

        // The serializer hands a converter the whole value buffered, so reading to the end object cannot run dry.
        var properties = new EventProperties.Builder();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"properties['{key}'] must be a string, not {reader.TokenType}");
            }

            properties.Set(key, reader.GetString()!);
        }

        return properties.ToProperties();
    }

    public override void Write(Utf8JsonWriter writer, EventProperties value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (key, text) in value)
        {
            writer.WriteString(key, text);
        }

        writer.WriteEndObject();
    }
}
