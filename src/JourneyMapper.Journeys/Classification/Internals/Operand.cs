namespace JourneyMapper.Journeys.Classification.Internals;

internal enum OperandKind
{
    Number,
    Text,
    Condition,
}

/// <summary>
/// A parsed piece of a rule, already compiled: exactly one of the delegates is set, by <see cref="Kind"/>.
/// <see cref="Feature"/> and <see cref="Constant"/> say when it is a plain feature or a literal, so that comparisons can
/// read the feature and compare with the literal in one delegate.
/// </summary>
internal sealed record Operand(OperandKind Kind, string Text, int Column)
{
    public Func<SessionFeatures, double>? Number { get; init; }

    public Func<SessionFeatures, string?>? String { get; init; }

    public Func<SessionFeatures, bool>? Condition { get; init; }

    /// <summary>The feature read, when the operand is just a feature.</summary>
    public string? Feature { get; init; }

    /// <summary>The value, when the operand is a number literal.</summary>
    public double? Constant { get; init; }

    /// <summary>How error messages name the operand's kind.</summary>
    public string KindName => Kind switch
    {
        OperandKind.Number => "a number",
        OperandKind.Text => "text",
        _ => "a condition",
    };
}
