namespace JourneyMapper.Journeys.Classification;

/// <summary>One line of the classification table: when <see cref="When"/> holds, the session is in <see cref="Segment"/>.</summary>
public sealed class SegmentRule
{
    /// <summary>The segment label, e.g. <c>cart-abandonment</c>; it also names the trigger topic, so letters, digits, '.', '_' and '-' only.</summary>
    public string Segment { get; set; } = "";

    /// <summary>Reported with the segment (<c>segments[].rule</c>); when empty the <see cref="When"/> text is reported instead.</summary>
    public string Name { get; set; } = "";

    /// <summary>The condition, in the language of docs/classification-rules.md (see <see cref="RuleExpression"/>).</summary>
    public string When { get; set; } = "";

    /// <summary>The name a match reports: <see cref="Name"/>, else the condition itself.</summary>
    internal string ReportedName => string.IsNullOrWhiteSpace(Name) ? When.Trim() : Name;
}
