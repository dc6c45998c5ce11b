using System.Diagnostics.CodeAnalysis;

namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// A subject's compatibility rule, as Confluent defines them. Transitive levels compare a new schema with
/// every earlier version; the others with the latest only.
/// </summary>
public enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}

/// <summary>The REST API's spelling of <see cref="CompatibilityLevel"/> (e.g. <c>BACKWARD_TRANSITIVE</c>).</summary>
public static class CompatibilityLevels
{
    public static string ToWireName(this CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a compatibility level."),
    };

    /// <summary>Case-insensitive, as Confluent's registry accepts <c>backward</c> as well as <c>BACKWARD</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? wireName, out CompatibilityLevel level)
    {
        foreach (var candidate in Enum.GetValues<CompatibilityLevel>())
        {
            if (string.Equals(candidate.ToWireName(), wireName, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = default;
        return false;
    }

    public static bool IsTransitive(this CompatibilityLevel level) =>
        level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
}
