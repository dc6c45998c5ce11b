using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Classification.Internals;

/// <summary>A rule compiled once: its condition, the match it reports, and slots that let a classification dedupe without hashing.</summary>
internal sealed record CompiledRule(SegmentMatch Match, Func<SessionFeatures, bool> Condition, int SegmentSlot, int[] FeatureSlots);

/// <summary>
/// The options checked and compiled: every problem becomes a message naming its configuration key. Segments and
/// features are numbered (slots), so that a classification tracks what it has seen in a span of flags.
/// </summary>
internal sealed class RuleTable
{
    private const string RulesKey = ClassificationOptions.Section + ":" + nameof(ClassificationOptions.Rules);
    private const string DefaultSegmentKey = ClassificationOptions.Section + ":" + nameof(ClassificationOptions.DefaultSegment);

    private RuleTable(CompiledRule[] rules, int segmentCount, string[] features, string defaultSegment, bool readsProfile)
    {
        Rules = rules;
        ReadsProfile = readsProfile;
        SegmentCount = segmentCount;
        Features = features;
        FeaturePositions = [.. features.Select(FeatureSlots.Of)];
        DefaultSegment = defaultSegment;
    }

    /// <summary>In priority order.</summary>
    public CompiledRule[] Rules { get; }

    public int SegmentCount { get; }

    /// <summary>Feature names by slot.</summary>
    public string[] Features { get; }

    /// <summary>
    /// Each feature's <see cref="FeatureSlots"/> position by slot, found once here: a classification reads the features it
    /// reports by position, not by a lookup of the name for every segment.
    /// </summary>
    public int[] FeaturePositions { get; }

    public string DefaultSegment { get; }

    /// <summary>Whether any rule reads a profile field.</summary>
    public bool ReadsProfile { get; }

    /// <summary>The compiled table, or null with <paramref name="failures"/> filled.</summary>
    public static RuleTable? Build(ClassificationOptions options, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckSegment(options.DefaultSegment, DefaultSegmentKey, "unclassified", failures);
        if (options.Rules is not { Count: > 0 } rules)
        {
            failures.Add($"{RulesKey} is empty: list at least one rule (Segment, Name, When), or leave Rules out to use the default segments.");
            return null;
        }

        var compiled = new List<CompiledRule>(rules.Count);
        var segmentSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        var featureSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var readsProfile = false;
        for (var i = 0; i < rules.Count; i++)
        {
            var key = $"{RulesKey}:{i}";
            if (rules[i] is not { } rule)
            {
                failures.Add($"{key} is empty: give the rule a Segment and a When.");
                continue;
            }

            var segmentValid = CheckSegment(rule.Segment, $"{key}:{nameof(SegmentRule.Segment)}", "cart-abandonment", failures);
            if (!string.IsNullOrWhiteSpace(rule.Name) && !names.TryAdd(rule.Name, i))
            {
                failures.Add($"{key}:{nameof(SegmentRule.Name)} is '{rule.Name}', as is {RulesKey}:{names[rule.Name]}:Name: give each rule its own name.");
            }

            var expression = Compile(rule.When, $"{key}:{nameof(SegmentRule.When)}", failures);
            if (expression is null || !segmentValid)
            {
                continue;
            }

            readsProfile |= expression.ReadsProfile;
            var segmentSlot = segmentSlots.TryGetValue(rule.Segment, out var slot) ? slot : segmentSlots[rule.Segment] = segmentSlots.Count;
            var features = expression.Features.Select(feature =>
                featureSlots.TryGetValue(feature, out var featureSlot) ? featureSlot : featureSlots[feature] = featureSlots.Count).ToArray();
            compiled.Add(new CompiledRule(new SegmentMatch(rule.Segment, rule.ReportedName), expression.Condition, segmentSlot, features));
        }

        return failures.Count > 0
            ? null
            : new RuleTable(
                [.. compiled], segmentSlots.Count, [.. featureSlots.OrderBy(pair => pair.Value).Select(pair => pair.Key)], options.DefaultSegment, readsProfile);
    }

    private static RuleExpression? Compile(string? when, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(when))
        {
            failures.Add($"{key} is required: write the condition, e.g. purchase.count > 0 (docs/classification-rules.md).");
            return null;
        }

        try
        {
            return RuleExpression.Compile(when);
        }
        catch (RuleExpressionException ex)
        {
            failures.Add($"{key}: {ex.Message}");
            return null;
        }
    }

    // A segment names its trigger topic (journey.triggers.<segment>), so it must be legal in a Kafka topic name.
    private static bool CheckSegment(string? segment, string key, string example, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(segment))
        {
            failures.Add($"{key} is required: name the segment, e.g. {example}.");
            return false;
        }

        if (!segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            failures.Add($"{key} is '{segment}': use letters, digits, '.', '_' or '-' (the segment names its trigger topic).");
            return false;
        }

        return true;
    }
}
