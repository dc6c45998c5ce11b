using System.Globalization;

namespace JourneyMapper.Journeys.Classification.Internals;

/// <summary>Splits a rule into tokens; <c>true</c> and <c>false</c> become the numbers 1 and 0.</summary>
internal static class RuleLexer
{
    public static List<RuleToken> Tokenize(string text)
    {
        var tokens = new List<RuleToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                tokens.Add(new RuleToken(RuleTokenKind.End, "", i + 1));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = ScanNumber(text, i + 1);
                var number = double.Parse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                tokens.Add(new RuleToken(RuleTokenKind.Number, text[start..i], start + 1, number));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(Word(text[start..i], start + 1));
            }
            else if (c == '\'')
            {
                tokens.Add(ScanString(text, ref i));
            }
            else
            {
                tokens.Add(ScanOperator(text, ref i));
            }
        }
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        // A fraction needs digits after the point: "1." leaves the point to be reported as unexpected.
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        return i;
    }

    private static RuleToken Word(string word, int column) => word switch
    {
        "in" => new RuleToken(RuleTokenKind.In, word, column),
        "true" => new RuleToken(RuleTokenKind.Number, word, column, 1),
        "false" => new RuleToken(RuleTokenKind.Number, word, column, 0),
        _ => new RuleToken(RuleTokenKind.Identifier, word, column),
    };

    // 'it''s' is the text it's: a doubled quote stands for one, as in SQL.
    private static RuleToken ScanString(string text, ref int i)
    {
        var start = i;
        var value = new System.Text.StringBuilder();
        i++;
        while (true)
        {
            if (i == text.Length)
            {
                throw new RuleExpressionException($"unterminated string starting at column {start + 1}; close it with '", start + 1);
            }

            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return new RuleToken(RuleTokenKind.String, value.ToString(), start + 1);
            }

            value.Append(text[i]);
            i++;
        }
    }

    private static RuleToken ScanOperator(string text, ref int i)
    {
        var start = i;
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        var (kind, length) = (c, next) switch
        {
            ('=', '=') => (RuleTokenKind.Equal, 2),
            ('!', '=') => (RuleTokenKind.NotEqual, 2),
            ('<', '=') => (RuleTokenKind.LessOrEqual, 2),
            ('>', '=') => (RuleTokenKind.GreaterOrEqual, 2),
            ('&', '&') => (RuleTokenKind.And, 2),
            ('|', '|') => (RuleTokenKind.Or, 2),
            ('<', _) => (RuleTokenKind.Less, 1),
            ('>', _) => (RuleTokenKind.Greater, 1),
            ('!', _) => (RuleTokenKind.Not, 1),
            ('(', _) => (RuleTokenKind.OpenParen, 1),
            (')', _) => (RuleTokenKind.CloseParen, 1),
            (',', _) => (RuleTokenKind.Comma, 1),
            _ => throw Unexpected(c, start + 1),
        };

        i += length;
        return new RuleToken(kind, text.Substring(start, length), start + 1);
    }

    private static RuleExpressionException Unexpected(char c, int column)
    {
        var hint = c switch
        {
            '=' => "use '==' to compare",
            '&' => "use '&&' for and",
            '|' => "use '||' for or",
            '"' => "write strings in single quotes, e.g. 'gold'",
            '+' or '-' or '*' or '/' => "rules compare values but do no arithmetic; compare features directly, e.g. add_to_cart.count > remove_from_cart.count",
            _ => "fix the expression",
        };
        return new RuleExpressionException($"unexpected '{c}' at column {column}; {hint}", column);
    }
}
