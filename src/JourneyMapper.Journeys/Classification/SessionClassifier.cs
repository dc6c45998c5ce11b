using System.Collections.ObjectModel;
using JourneyMapper.Journeys.Classification.Internals;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// Classifies sessions by the rules of <see cref="ClassificationOptions"/>, compiled once here. Priority is the order of
/// the rules: the first rule that matches gives the primary segment; every matched segment is listed once, with the first
/// rule that gave it. Thread-safe; a classification allocates only its result.
/// </summary>
public sealed class SessionClassifier
{
    // Up to these many rules (or features) the flags of a classification live on the stack.
    private const int StackLimit = 256;

    private static readonly IReadOnlyDictionary<string, double> NoFeatures = ReadOnlyDictionary<string, double>.Empty;

    private readonly RuleTable _table;

    /// <exception cref="ClassificationConfigurationException">A rule is invalid; the failures name each key and its fix.</exception>
    public SessionClassifier(ClassificationOptions options)
    {
        var failures = new List<string>();
        _table = RuleTable.Build(options, failures) ?? throw new ClassificationConfigurationException(failures);
    }

    /// <summary>Whether any rule reads the profile; when none does, a session classifies the same with or without one.</summary>
    internal bool ReadsProfile => _table.ReadsProfile;

    /// <summary>
    /// The <see cref="SegmentClassification.PrimarySegment"/> <see cref="Classify"/> gives, found without building the
    /// result: the first rule that matches decides, so the rules after it are not evaluated. Allocates nothing.
    /// </summary>
    public string PrimarySegment(SessionFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var rule in _table.Rules)
        {
            if (rule.Condition(features))
            {
                return rule.Match.Label;
            }
        }

        return _table.DefaultSegment;
    }

    public SegmentClassification Classify(SessionFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var rules = _table.Rules;
        Span<bool> segmentSeen = _table.SegmentCount <= StackLimit ? stackalloc bool[_table.SegmentCount] : new bool[_table.SegmentCount];
        Span<int> reported = rules.Length <= StackLimit ? stackalloc int[rules.Length] : new int[rules.Length];
        var reportedCount = 0;
        var featureCount = 0;
        for (var index = 0; index < rules.Length; index++)
        {
            var rule = rules[index];
            // A later rule of a segment already matched would add nothing, so it is not even evaluated.
            if (!segmentSeen[rule.SegmentSlot] && rule.Condition(features))
            {
                segmentSeen[rule.SegmentSlot] = true;
                reported[reportedCount++] = index;
                featureCount += rule.FeatureSlots.Length;
            }
        }

        if (reportedCount == 0)
        {
            return new SegmentClassification(_table.DefaultSegment, [], NoFeatures);
        }

        var segments = new SegmentMatch[reportedCount];
        Span<int> slots = featureCount <= StackLimit ? stackalloc int[featureCount] : new int[featureCount];
        var slotCount = 0;
        Span<bool> featureSeen = _table.Features.Length <= StackLimit ? stackalloc bool[_table.Features.Length] : new bool[_table.Features.Length];
        for (var i = 0; i < reportedCount; i++)
        {
            var rule = rules[reported[i]];
            segments[i] = rule.Match;
            foreach (var slot in rule.FeatureSlots)
            {
                if (!featureSeen[slot])
                {
                    featureSeen[slot] = true;
                    slots[slotCount++] = slot;
                }
            }
        }

        var values = new KeyValuePair<string, double>[slotCount];
        for (var i = 0; i < slotCount; i++)
        {
            var name = _table.Features[slots[i]];
            values[i] = KeyValuePair.Create(name, RuleNames.Read(features, name, _table.FeaturePositions[slots[i]]));
        }

        return new SegmentClassification(segments[0].Label, segments, new FeatureValues(values));
    }
}
