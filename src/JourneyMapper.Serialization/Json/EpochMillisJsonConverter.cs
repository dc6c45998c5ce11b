using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyMapper.Serialization.Json;

/// <summary>
/// A required instant: written as epoch milliseconds, read from epoch milliseconds or an ISO-8601 string, as
/// <see cref="EventTimeJsonConverter"/> does for the optional event time. Profiles and segments are often
/// written by hand or by other tools, which tend to produce ISO strings.
/// </summary>
public sealed class EpochMillisJsonConverter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadInstant(ref reader, "an instant");

    /// <summary>Epoch milliseconds from a number or an ISO-8601 string; <paramref name="what"/> names the value in errors.</summary>
    internal static long ReadInstant(ref Utf8JsonReader reader, string what)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var millis):
                return millis;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return time.ToUnixTimeMilliseconds();
                }

                throw new JsonException($"{what} is neither epoch milliseconds nor an ISO-8601 date-time");
            default:
                throw new JsonException($"{what} must be a number or a string, not {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
