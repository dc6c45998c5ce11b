using System.Collections.Frozen;

namespace JourneyMapper.Journeys.Classification.Internals;

/// <summary>What a name in a rule reads: a session feature (absent ones read 0) or a profile field (null without a profile).</summary>
internal static class RuleNames
{
    private const string ProfilePrefix = "profile.";
    private const string ProfileFieldList =
        "profile.tier, profile.persona, profile.country, profile.lifetimeValue, profile.marketingConsent, profile.present";

    private static readonly FrozenSet<string> KnownFeatures =
        FeatureNames.Summary.Concat(FeatureNames.CanonicalEventTypes.Select(FeatureNames.Count)).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Func<string, int, Operand>> ProfileFields =
        new Dictionary<string, Func<string, int, Operand>>(StringComparer.Ordinal)
        {
            ["profile.present"] = (text, column) => Number(text, column, f => f.Profile is null ? 0 : 1),
            ["profile.tier"] = (text, column) => Text(text, column, f => f.Profile?.Tier),
            ["profile.persona"] = (text, column) => Text(text, column, f => f.Profile?.Persona),
            ["profile.country"] = (text, column) => Text(text, column, f => f.Profile?.Country),
            ["profile.lifetimeValue"] = (text, column) => Number(text, column, f => f.Profile?.LifetimeValue ?? 0),
            ["profile.marketingConsent"] = (text, column) => Number(text, column, f => f.Profile is { MarketingConsent: true } ? 1 : 0),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The value a session has for a feature: absent features read 0.</summary>
    public static double Read(SessionFeatures features, string name) => features.Values.TryGetValue(name, out var value) ? value : 0;

    /// <summary>As <see cref="Read(SessionFeatures, string)"/>, by position where both the feature and the map allow it.</summary>
    public static double Read(SessionFeatures features, string name, int slot) =>
        slot != FeatureSlots.None && features.Values is IPositionalFeatures positional ? positional.Read(slot) : Read(features, name);

    /// <summary>Whether <paramref name="name"/> is one of the profile fields (not a session feature).</summary>
    public static bool IsProfileField(string name) => ProfileFields.ContainsKey(name);

    public static Operand Resolve(string name, int column)
    {
        if (ProfileFields.TryGetValue(name, out var profileField))
        {
            return profileField(name, column);
        }

        var known = KnownFeatures.Contains(name);
        var near = known ? null : NearMiss(name);
        if (near is not null)
        {
            throw new RuleExpressionException($"unknown name '{name}' at column {column}; names are case-sensitive: did you mean '{near}'?", column);
        }

        // Any "<eventType>.count" is a feature: SPEC keeps and counts event types it does not know.
        if (known || (name.Length > FeatureNames.CountSuffix.Length && name.EndsWith(FeatureNames.CountSuffix, StringComparison.Ordinal)))
        {
            var slot = FeatureSlots.Of(name);
            return new Operand(OperandKind.Number, name, column) { Number = f => Read(f, name, slot), Feature = name };
        }

        if (name.StartsWith(ProfilePrefix, StringComparison.Ordinal))
        {
            throw new RuleExpressionException(
                $"unknown profile field '{name}' at column {column}; use one of {ProfileFieldList}", column);
        }

        throw new RuleExpressionException(
            $"unknown name '{name}' at column {column}; use a feature such as eventCount or maxProductViews, '<eventType>.count' or a profile field"
            + " (docs/classification-rules.md lists them)",
            column);
    }

    // A known name spelt with other capitals (EventCount, Purchase.count) is a typo, not a new event type.
    private static string? NearMiss(string name)
    {
        foreach (var known in KnownFeatures.Concat(ProfileFields.Keys))
        {
            if (!string.Equals(known, name, StringComparison.Ordinal) && string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    private static Operand Number(string text, int column, Func<SessionFeatures, double> read) =>
        new(OperandKind.Number, text, column) { Number = read };

    private static Operand Text(string text, int column, Func<SessionFeatures, string?> read) =>
        new(OperandKind.Text, text, column) { String = read };
}
