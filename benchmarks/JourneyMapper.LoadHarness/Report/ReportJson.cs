using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyMapper.LoadHarness.Report;

/// <summary>How every report of the harness is written as JSON: camelCase, enums by name, NaN and infinities allowed.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T report) => JsonSerializer.Serialize(report, Options);
}
