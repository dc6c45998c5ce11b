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

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : EpochMillisJsonConverter.ReadInstant(ref reader, "timestamp");

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
