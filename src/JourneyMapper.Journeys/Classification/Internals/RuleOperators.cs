namespace JourneyMapper.Journeys.Classification.Internals;

/// <summary>
/// Builds the delegates of the operators once, at compile time; evaluating them allocates nothing. Text compares
/// ordinally ignoring case ('GOLD' == 'gold'), and a missing text (no profile) makes every comparison false except !=.
/// </summary>
internal static class RuleOperators
{
    public static Func<SessionFeatures, bool> And(Func<SessionFeatures, bool> left, Func<SessionFeatures, bool> right) =>
        f => left(f) && right(f);

    public static Func<SessionFeatures, bool> Or(Func<SessionFeatures, bool> left, Func<SessionFeatures, bool> right) =>
        f => left(f) || right(f);

    public static Func<SessionFeatures, bool> Not(Func<SessionFeatures, bool> operand) => f => !operand(f);

    /// <summary>A number used as a condition holds when it is not 0 (so <c>purchase.count</c> means "purchased").</summary>
    public static Func<SessionFeatures, bool> IsNonZero(Operand number)
    {
        if (number.Feature is { } name)
        {
            var slot = FeatureSlots.Of(name);
            return f => RuleNames.Read(f, name, slot) != 0;
        }

        var read = number.Number!;
        return f => read(f) != 0;
    }

    public static Func<SessionFeatures, bool> CompareNumbers(Operand left, RuleTokenKind op, Operand right)
    {
        // The common shape, feature against literal, reads the feature and compares in one delegate.
        if (left.Feature is { } name && right.Constant is { } constant)
        {
            var slot = FeatureSlots.Of(name);
            return op switch
            {
                RuleTokenKind.Equal => f => RuleNames.Read(f, name, slot) == constant,
                RuleTokenKind.NotEqual => f => RuleNames.Read(f, name, slot) != constant,
                RuleTokenKind.Less => f => RuleNames.Read(f, name, slot) < constant,
                RuleTokenKind.LessOrEqual => f => RuleNames.Read(f, name, slot) <= constant,
                RuleTokenKind.Greater => f => RuleNames.Read(f, name, slot) > constant,
                RuleTokenKind.GreaterOrEqual => f => RuleNames.Read(f, name, slot) >= constant,
                _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
            };
        }

        if (left.Constant is not null && right.Feature is not null)
        {
            return CompareNumbers(right, Mirror(op), left);
        }

        var l = left.Number!;
        var r = right.Number!;
        return op switch
        {
            RuleTokenKind.Equal => f => l(f) == r(f),
            RuleTokenKind.NotEqual => f => l(f) != r(f),
            RuleTokenKind.Less => f => l(f) < r(f),
            RuleTokenKind.LessOrEqual => f => l(f) <= r(f),
            RuleTokenKind.Greater => f => l(f) > r(f),
            RuleTokenKind.GreaterOrEqual => f => l(f) >= r(f),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    /// <summary>== and != only: text has no order worth ruling on.</summary>
    public static Func<SessionFeatures, bool> CompareTexts(Operand left, RuleTokenKind op, Operand right)
    {
        var l = left.String!;
        var r = right.String!;
        return op == RuleTokenKind.Equal
            ? f => TextEquals(l(f), r(f))
            : f => !TextEquals(l(f), r(f));
    }

    public static Func<SessionFeatures, bool> InNumbers(Operand left, double[] values)
    {
        var read = left.Number!;
        return f => Array.IndexOf(values, read(f)) >= 0;
    }

    public static Func<SessionFeatures, bool> InTexts(Operand left, string[] values)
    {
        var read = left.String!;
        return f =>
        {
            var value = read(f);
            if (value is null)
            {
                return false;
            }

            foreach (var candidate in values)
            {
                if (string.Equals(value, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        };
    }

    private static bool TextEquals(string? left, string? right) =>
        left is not null && right is not null && string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    // 3 < x is x > 3.
    private static RuleTokenKind Mirror(RuleTokenKind op) => op switch
    {
        RuleTokenKind.Less => RuleTokenKind.Greater,
        RuleTokenKind.LessOrEqual => RuleTokenKind.GreaterOrEqual,
        RuleTokenKind.Greater => RuleTokenKind.Less,
        RuleTokenKind.GreaterOrEqual => RuleTokenKind.LessOrEqual,
        _ => op,
    };
}
