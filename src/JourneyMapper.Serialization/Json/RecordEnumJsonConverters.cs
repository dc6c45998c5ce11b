using System.Text.Json;
using System.Text.Json.Serialization;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.Json;

/// <summary>
/// <see cref="ClosedBy"/> in JSON: <c>inactivity</c>, <c>max-duration</c>, <c>idle-timeout</c>, <c>shutdown</c>
/// (SPEC), <c>unknown</c>. Reading also takes the Avro symbols (<c>MAX_DURATION</c>), and a reason this build does
/// not know reads as <see cref="ClosedBy.Unknown"/>, mirroring the Avro enum's default.
/// </summary>
public sealed class ClosedByJsonConverter : JsonConverter<ClosedBy>
{
    private static readonly string[] Names = ["unknown", "inactivity", "max-duration", "idle-timeout", "shutdown"];

    public static string ToJsonName(ClosedBy value) =>
        (uint)value < (uint)Names.Length ? Names[(int)value] : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a ClosedBy.");

    public override ClosedBy Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (ClosedBy)EnumJsonNames.Read(ref reader, Names, "closedBy");

    public override void Write(Utf8JsonWriter writer, ClosedBy value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ToJsonName(value));
    }
}

/// <summary>
/// <see cref="Tier"/> in JSON: lower case (<c>gold</c>). Reading is case-insensitive, and a tier this build does not
/// know reads as <see cref="Tier.Unknown"/>, mirroring the Avro enum's default.
/// </summary>
public sealed class TierJsonConverter : JsonConverter<Tier>
{
    private static readonly string[] Names = ["unknown", "standard", "silver", "gold", "platinum"];

    public static string ToJsonName(Tier value) =>
        (uint)value < (uint)Names.Length ? Names[(int)value] : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a Tier.");

    public override Tier Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (Tier)EnumJsonNames.Read(ref reader, Names, "tier");

    public override void Write(Utf8JsonWriter writer, Tier value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ToJsonName(value));
    }
}

internal static class EnumJsonNames
{
    /// <summary>The position of the name in <paramref name="names"/>, ignoring case and '_' versus '-'; 0 (unknown) if absent.</summary>
    public static int Read(ref Utf8JsonReader reader, string[] names, string what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{what} must be a string, not {reader.TokenType}");
        }

        var text = reader.GetString()!;
        for (var i = 0; i < names.Length; i++)
        {
            if (SameName(text, names[i]))
            {
                return i;
            }
        }

        return 0;
    }

    private static bool SameName(string text, string name)
    {
        if (text.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i] == '_' ? '-' : char.ToLowerInvariant(text[i]);
            if (c != name[i])
            {
                return false;
            }
        }

        return true;
    }
}
