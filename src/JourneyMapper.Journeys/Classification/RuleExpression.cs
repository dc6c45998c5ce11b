using JourneyMapper.Journeys.Classification.Internals;

namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// A compiled rule condition (the <c>When</c> of a <see cref="SegmentRule"/>); docs/classification-rules.md is the full
/// reference. In short:
/// <list type="bullet">
/// <item>numbers (<c>3</c>, <c>-1</c>, <c>2.5</c>, <c>true</c> = 1, <c>false</c> = 0) and 'single-quoted' text (<c>''</c> is a quote);</item>
/// <item>feature names (<see cref="FeatureNames"/>, any <c>&lt;eventType&gt;.count</c>; absent features read 0) and the
/// profile fields <c>profile.tier</c>, <c>profile.persona</c>, <c>profile.country</c> (text, null without a profile),
/// <c>profile.lifetimeValue</c>, <c>profile.marketingConsent</c> and <c>profile.present</c> (numbers, 0 without a profile);</item>
/// <item><c>== != &lt; &lt;= &gt; &gt;=</c> between numbers, <c>== !=</c> between texts (ignoring case), <c>x in (a, b)</c>;
/// a comparison with a null text is false, except <c>!=</c>;</item>
/// <item><c>!</c>, <c>&amp;&amp;</c>, <c>||</c> (loosest) and parentheses; a number used as a condition holds when it is not 0.</item>
/// </list>
/// Compiling type-checks the rule; evaluating it allocates nothing and cannot fail. Thread-safe.
/// </summary>
public sealed class RuleExpression
{
    private readonly Func<SessionFeatures, bool> _condition;

    private RuleExpression(string text, Func<SessionFeatures, bool> condition, IReadOnlyList<string> features, string parenthesized, bool readsProfile)
    {
        Text = text;
        ReadsProfile = readsProfile;
        _condition = condition;
        Features = features;
        Parenthesized = parenthesized;
    }

    /// <summary>The rule as written.</summary>
    public string Text { get; }

    /// <summary>The rule as parsed, every operation in parentheses: <c>a || b &amp;&amp; c</c> reads <c>(a || (b &amp;&amp; c))</c>.</summary>
    public string Parenthesized { get; }

    /// <summary>The session features the rule reads, in order of first use (profile fields are not features).</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Parses and compiles <paramref name="text"/>.</summary>
    /// <exception cref="RuleExpressionException">The rule is not valid; the message names the column and the fix.</exception>
    public static RuleExpression Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (condition, features, parenthesized, readsProfile) = RuleParser.Parse(text);
        return new RuleExpression(text, condition, features, parenthesized, readsProfile);
    }

    public bool Evaluate(SessionFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return _condition(features);
    }

    public override string ToString() => Text;

    /// <summary>Whether the rule reads a profile field: a classifier whose rules do not can be given no profile.</summary>
    internal bool ReadsProfile { get; }

    /// <summary>The compiled condition without the argument check, for the classifier's loop.</summary>
    internal Func<SessionFeatures, bool> Condition => _condition;
}
