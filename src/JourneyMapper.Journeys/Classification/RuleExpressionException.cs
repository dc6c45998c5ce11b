namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// A rule that does not compile: the message says what is wrong, at which column (1-based), and how to fix it,
/// e.g. <c>unexpected ')' at column 17; fix the expression</c>.
/// </summary>
public sealed class RuleExpressionException : FormatException
{
    public RuleExpressionException()
    {
    }

    public RuleExpressionException(string message)
        : base(message)
    {
    }

    public RuleExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuleExpressionException(string message, int column)
        : base(message)
    {
        Column = column;
    }

    /// <summary>The 1-based column the problem was found at.</summary>
    public int Column { get; }
}
