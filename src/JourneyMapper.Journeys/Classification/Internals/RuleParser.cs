namespace JourneyMapper.Journeys.Classification.Internals;

/// <summary>
/// Recursive descent over the grammar of docs/classification-rules.md, compiling as it goes: each rule becomes one
/// delegate, type-checked here so that a wrong rule fails at start-up and a right one cannot fail on a session.
/// <code>
/// or         := and ('||' and)*
/// and        := unary ('&amp;&amp;' unary)*
/// unary      := '!' unary | comparison
/// comparison := primary (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') primary | 'in' '(' literal (',' literal)* ')')?
/// primary    := number | 'text' | true | false | name | '(' or ')'
/// </code>
/// </summary>
internal sealed class RuleParser
{
    // Deeper nesting than any sensible rule; the limit keeps a pathological one from overflowing the stack.
    private const int MaxDepth = 64;

    private readonly List<RuleToken> _tokens;
    private readonly List<string> _features = [];
    private bool _readsProfile;
    private int _position;
    private int _depth;

    private RuleParser(List<RuleToken> tokens) => _tokens = tokens;

    /// <summary>
    /// The compiled condition, the features it reads (first use first), the rule fully parenthesized, and whether it
    /// reads a profile field.
    /// </summary>
    public static (Func<SessionFeatures, bool> Condition, IReadOnlyList<string> Features, string Parenthesized, bool ReadsProfile) Parse(string text)
    {
        var parser = new RuleParser(RuleLexer.Tokenize(text));
        if (parser.Peek.Kind == RuleTokenKind.End)
        {
            throw new RuleExpressionException("the expression is empty; write a condition, e.g. purchase.count > 0", 1);
        }

        var result = parser.ParseOr();
        var rest = parser.Peek;
        if (rest.Kind != RuleTokenKind.End)
        {
            var hint = IsComparison(rest.Kind)
                ? "compare two values at a time and join comparisons with && or ||"
                : "fix the expression";
            throw new RuleExpressionException($"unexpected {rest.Shown} at column {rest.Column}; {hint}", rest.Column);
        }

        return (AsCondition(result), parser._features.AsReadOnly(), result.Text, parser._readsProfile);
    }

    private RuleToken Peek => _tokens[_position];

    private RuleToken Next() => _tokens[_position++];

    private Operand ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Kind == RuleTokenKind.Or)
        {
            var op = Next();
            var right = ParseAnd();
            left = new Operand(OperandKind.Condition, $"({left.Text} || {right.Text})", op.Column)
            {
                Condition = RuleOperators.Or(AsCondition(left), AsCondition(right)),
            };
        }

        return left;
    }

    private Operand ParseAnd()
    {
        var left = ParseUnary();
        while (Peek.Kind == RuleTokenKind.And)
        {
            var op = Next();
            var right = ParseUnary();
            left = new Operand(OperandKind.Condition, $"({left.Text} && {right.Text})", op.Column)
            {
                Condition = RuleOperators.And(AsCondition(left), AsCondition(right)),
            };
        }

        return left;
    }

    // '!' binds looser than a comparison, as SQL's NOT: !purchase.count > 0 means !(purchase.count > 0).
    private Operand ParseUnary()
    {
        if (Peek.Kind != RuleTokenKind.Not)
        {
            return ParseComparison();
        }

        var op = Next();
        Enter(op);
        var operand = ParseUnary();
        _depth--;
        return new Operand(OperandKind.Condition, $"!{operand.Text}", op.Column) { Condition = RuleOperators.Not(AsCondition(operand)) };
    }

    private Operand ParseComparison()
    {
        var left = ParsePrimary();
        var op = Peek;
        if (op.Kind == RuleTokenKind.In)
        {
            Next();
            return ParseIn(left, op);
        }

        if (!IsComparison(op.Kind))
        {
            return left;
        }

        Next();
        var right = ParsePrimary();
        var text = $"({left.Text} {op.Text} {right.Text})";
        Comparable(left, op);
        Comparable(right, op);
        if (left.Kind != right.Kind)
        {
            throw new RuleExpressionException(
                $"'{op.Text}' at column {op.Column} compares {left.KindName} ({left.Text}) with {right.KindName} ({right.Text}); compare like with like",
                op.Column);
        }

        if (left.Kind == OperandKind.Number)
        {
            return new Operand(OperandKind.Condition, text, op.Column) { Condition = RuleOperators.CompareNumbers(left, op.Kind, right) };
        }

        if (op.Kind is not (RuleTokenKind.Equal or RuleTokenKind.NotEqual))
        {
            throw new RuleExpressionException(
                $"'{op.Text}' at column {op.Column} cannot compare text; text supports ==, != and in", op.Column);
        }

        return new Operand(OperandKind.Condition, text, op.Column) { Condition = RuleOperators.CompareTexts(left, op.Kind, right) };
    }

    private Operand ParseIn(Operand left, RuleToken op)
    {
        Comparable(left, op);
        var open = Expect(RuleTokenKind.OpenParen, $"'in' at column {op.Column} takes a list in parentheses, e.g. in ('gold', 'platinum')");
        var numbers = new List<double>();
        var texts = new List<string>();
        var shown = new List<string>();
        do
        {
            var item = Next();
            if (item.Kind == RuleTokenKind.Number && left.Kind == OperandKind.Number)
            {
                numbers.Add(item.Number);
                shown.Add(item.Text);
            }
            else if (item.Kind == RuleTokenKind.String && left.Kind == OperandKind.Text)
            {
                texts.Add(item.Text);
                shown.Add(Quote(item.Text));
            }
            else
            {
                var wanted = left.Kind == OperandKind.Number ? "numbers" : "'quoted' texts";
                throw new RuleExpressionException(
                    $"unexpected {item.Shown} at column {item.Column}; the list of 'in' holds {wanted}, as {left.Text} is {left.KindName}", item.Column);
            }
        }
        while (TryTake(RuleTokenKind.Comma));

        Expect(RuleTokenKind.CloseParen, $"close the list opened at column {open.Column} with ')'");
        var text = $"({left.Text} in ({string.Join(", ", shown)}))";
        return new Operand(OperandKind.Condition, text, op.Column)
        {
            Condition = left.Kind == OperandKind.Number ? RuleOperators.InNumbers(left, [.. numbers]) : RuleOperators.InTexts(left, [.. texts]),
        };
    }

    private Operand ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case RuleTokenKind.Number:
                var number = token.Number;
                return new Operand(OperandKind.Number, token.Text, token.Column) { Number = _ => number, Constant = number };
            case RuleTokenKind.String:
                var value = token.Text;
                return new Operand(OperandKind.Text, Quote(value), token.Column) { String = _ => value };
            case RuleTokenKind.Identifier:
                var operand = RuleNames.Resolve(token.Text, token.Column);
                _readsProfile |= RuleNames.IsProfileField(token.Text);
                if (operand.Feature is { } feature && !_features.Contains(feature))
                {
                    _features.Add(feature);
                }

                return operand;
            case RuleTokenKind.OpenParen:
                Enter(token);
                var inner = ParseOr();
                _depth--;
                Expect(RuleTokenKind.CloseParen, $"close the '(' opened at column {token.Column} with ')'");
                return inner;
            default:
                var hint = token.Kind == RuleTokenKind.End ? "complete the condition" : "fix the expression";
                throw new RuleExpressionException($"unexpected {token.Shown} at column {token.Column}; {hint}", token.Column);
        }
    }

    private RuleToken Expect(RuleTokenKind kind, string hint)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw new RuleExpressionException($"unexpected {token.Shown} at column {token.Column}; {hint}", token.Column);
        }

        return token;
    }

    private bool TryTake(RuleTokenKind kind)
    {
        if (Peek.Kind != kind)
        {
            return false;
        }

        _position++;
        return true;
    }

    private void Enter(RuleToken token)
    {
        if (++_depth > MaxDepth)
        {
            throw new RuleExpressionException($"the expression nests too deeply at column {token.Column}; simplify it", token.Column);
        }
    }

    private static void Comparable(Operand operand, RuleToken op)
    {
        if (operand.Kind == OperandKind.Condition)
        {
            throw new RuleExpressionException(
                $"'{op.Text}' at column {op.Column} cannot compare the condition {operand.Text}; join conditions with &&, || and !", op.Column);
        }
    }

    private static Func<SessionFeatures, bool> AsCondition(Operand operand) => operand.Kind switch
    {
        OperandKind.Condition => operand.Condition!,
        OperandKind.Number => RuleOperators.IsNonZero(operand),
        _ => throw new RuleExpressionException(
            $"{operand.Text} at column {operand.Column} is text, not a condition; compare it, e.g. profile.tier == 'gold'", operand.Column),
    };

    private static bool IsComparison(RuleTokenKind kind) => kind is RuleTokenKind.Equal or RuleTokenKind.NotEqual or RuleTokenKind.Less
        or RuleTokenKind.LessOrEqual or RuleTokenKind.Greater or RuleTokenKind.GreaterOrEqual;

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
