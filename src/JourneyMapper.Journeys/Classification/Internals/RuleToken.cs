namespace JourneyMapper.Journeys.Classification.Internals;

internal enum RuleTokenKind
{
    End,
    Number,
    String,
    Identifier,
    In,
    OpenParen,
    CloseParen,
    Comma,
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>One token of a rule; <see cref="Column"/> is 1-based, as error messages count.</summary>
internal readonly record struct RuleToken(RuleTokenKind Kind, string Text, int Column, double Number = 0)
{
    /// <summary>How an error message shows the token.</summary>
    public string Shown => Kind == RuleTokenKind.End ? "end of expression" : $"'{Text}'";
}
