namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// The classification table (section <c>JourneyMapper:Classification</c>): rules in priority order, and the segment of
/// sessions no rule matches. Checked by <see cref="ClassificationOptionsValidator"/>.
/// </summary>
/// <remarks>
/// The configuration binder appends configured list items to a list that already has items, so binding
/// <c>Rules:0</c>, <c>Rules:1</c>, ... onto these defaults would keep the defaults in front. Configured rules must replace
/// them: set <see cref="Rules"/> to an empty list before binding when the section has a <c>Rules</c> child.
/// </remarks>
public sealed class ClassificationOptions
{
    public const string Section = "JourneyMapper:Classification";

    /// <summary>The rules, highest priority first; by default the ten segments of SPEC.md (<see cref="DefaultSegmentRules"/>).</summary>
    public List<SegmentRule> Rules { get; set; } = DefaultSegmentRules.Create();

    /// <summary>The primary segment of a session no rule matches.</summary>
    public string DefaultSegment { get; set; } = "unclassified";
}
