using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyMapper.Serialization.Json;

/// <summary>
/// Event time on the wire is epoch milliseconds or an ISO-8601 string (SPEC: ClickEvent); in memory it is
/// always epoch milliseconds so that ordering and windowing never parse text.
/// </summary>
public sealed class EventTimeJsonConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var millis):
                return millis;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return time.ToUnixTimeMilliseconds();
                }

                throw new JsonException("timestamp is neither epoch milliseconds nor an ISO-8601 date-time");
            default:
                throw new JsonException($"timestamp must be a number or a string, not {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } millis)
        {
            writer.WriteNumberValue(millis);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
