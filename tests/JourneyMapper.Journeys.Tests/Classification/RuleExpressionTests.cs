using JourneyMapper.Journeys.Classification;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Classification;

public sealed class RuleExpressionTests
{
    private static readonly ProfileSnapshot Gold = new()
    {
        Tier = "gold", Persona = "it's me", LifetimeValue = 1250.5, Country = "AT", MarketingConsent = true,
    };

    [Theory]
    [InlineData("eventCount || search.count && login.count", "(eventCount || (search.count && login.count))")]
    [InlineData("eventCount && search.count || login.count", "((eventCount && search.count) || login.count)")]
    [InlineData("(eventCount || search.count) && login.count", "((eventCount || search.count) && login.count)")]
    [InlineData("eventCount && search.count && login.count", "((eventCount && search.count) && login.count)")]
    [InlineData("!purchase.count > 0 && eventCount >= 2", "(!(purchase.count > 0) && (eventCount >= 2))")]
    [InlineData("!!(login.count)", "!!login.count")]
    [InlineData("eventCount > 1 || funnelStep <= 2 && maxPageRepeats != 3", "((eventCount > 1) || ((funnelStep <= 2) && (maxPageRepeats != 3)))")]
    [InlineData("  ((( durationMinutes<2.5 )))  ", "(durationMinutes < 2.5)")]
    [InlineData("profile.persona == 'it''s me'", "(profile.persona == 'it''s me')")]
    [InlineData("profile.country in ('DE','AT' , 'CH')", "(profile.country in ('DE', 'AT', 'CH'))")]
    [InlineData("funnelStep in (2, 3) && eventCount > -1", "((funnelStep in (2, 3)) && (eventCount > -1))")]
    [InlineData("profile.marketingConsent == true || false", "((profile.marketingConsent == true) || false)")]
    public void ParsesWithPrecedenceOrLooserThanAndLooserThanNotLooserThanComparison(string rule, string parenthesized)
    {
        Assert.Equal(parenthesized, RuleExpression.Compile(rule).Parenthesized);
    }

    [Theory]
    [InlineData("a.count || b.count && c.count", 1, 0, 0, true)]
    [InlineData("(a.count || b.count) && c.count", 1, 0, 0, false)]
    [InlineData("a.count && b.count || c.count", 0, 0, 1, true)]
    [InlineData("a.count && (b.count || c.count)", 0, 0, 1, false)]
    [InlineData("!a.count == 1 && c.count == 0", 1, 0, 0, false)]
    [InlineData("!(a.count == 1 && c.count == 1)", 1, 0, 0, true)]
    [InlineData("a.count < b.count", 1, 2, 0, true)]
    [InlineData("2 > a.count", 1, 2, 0, true)]
    [InlineData("2 <= b.count", 1, 2, 0, true)]
    [InlineData("a.count in (0, 2)", 1, 0, 0, false)]
    [InlineData("b.count in (0, 2)", 1, 2, 0, true)]
    public void EvaluatesBooleanStructureAsParsed(string rule, double a, double b, double c, bool expected)
    {
        var features = new SessionFeatures(new Dictionary<string, double> { ["a.count"] = a, ["b.count"] = b, ["c.count"] = c }, null);

        Assert.Equal(expected, RuleExpression.Compile(rule).Evaluate(features));
    }

    [Theory]
    [InlineData("profile.tier == 'gold'", true)]
    [InlineData("profile.tier == 'GOLD'", true)]
    [InlineData("profile.tier != 'gold'", false)]
    [InlineData("profile.tier in ('silver', 'Gold')", true)]
    [InlineData("profile.country in ('DE', 'CH')", false)]
    [InlineData("!(profile.country in ('DE', 'CH'))", true)]
    [InlineData("profile.persona == 'it''s me'", true)]
    [InlineData("profile.lifetimeValue > 1250 && profile.lifetimeValue < 1251", true)]
    [InlineData("profile.marketingConsent == true && profile.present == 1", true)]
    [InlineData("profile.marketingConsent && profile.present", true)]
    [InlineData("profile.tier == profile.persona", false)]
    public void ReadsTheProfile(string rule, bool expected)
    {
        Assert.Equal(expected, RuleExpression.Compile(rule).Evaluate(new SessionFeatures(new Dictionary<string, double>(), Gold)));
    }

    [Theory]
    [InlineData("profile.tier == 'gold'", false)]
    [InlineData("profile.tier != 'gold'", true)]
    [InlineData("profile.tier == profile.country", false)]
    [InlineData("profile.tier != profile.country", true)]
    [InlineData("profile.tier in ('gold', 'silver')", false)]
    [InlineData("!(profile.tier in ('gold', 'silver'))", true)]
    [InlineData("profile.present", false)]
    [InlineData("profile.present == 0", true)]
    [InlineData("profile.lifetimeValue == 0", true)]
    [InlineData("profile.marketingConsent == false", true)]
    public void WithoutAProfileTextIsNullAndNumbersAreZero(string rule, bool expected)
    {
        Assert.Equal(expected, RuleExpression.Compile(rule).Evaluate(new SessionFeatures(new Dictionary<string, double>(), null)));
    }

    [Fact]
    public void AProfileWithoutTheFieldComparesLikeAMissingProfile()
    {
        var features = new SessionFeatures(new Dictionary<string, double>(), new ProfileSnapshot { Tier = "silver" });

        Assert.False(RuleExpression.Compile("profile.country == 'AT'").Evaluate(features));
        Assert.True(RuleExpression.Compile("profile.country != 'AT'").Evaluate(features));
        Assert.True(RuleExpression.Compile("profile.present == 1 && profile.lifetimeValue == 0 && !profile.marketingConsent").Evaluate(features));
    }

    [Theory]
    [InlineData("eventCount == 0", true)]
    [InlineData("eventCount", false)]
    [InlineData("!maxProductViews", true)]
    [InlineData("search.count < 1 && funnelStep == 0 && other.count <= 0", true)]
    [InlineData("video_play.count >= 0 && video_play.count < 1", true)]
    public void MissingFeaturesReadZero(string rule, bool expected)
    {
        Assert.Equal(expected, RuleExpression.Compile(rule).Evaluate(new SessionFeatures(new Dictionary<string, double>(), null)));
    }

    [Fact]
    public void CountsNonCanonicalEventTypes()
    {
        var rule = RuleExpression.Compile("video_play.count >= 2 && add_to_wishlist.count == 0");

        Assert.True(rule.Evaluate(new SessionFeatures(new Dictionary<string, double> { ["video_play.count"] = 2 }, null)));
        Assert.False(rule.Evaluate(new SessionFeatures(new Dictionary<string, double> { ["video_play.count"] = 1 }, null)));
    }

    [Fact]
    public void ListsTheFeaturesItReadsOnceInOrderOfFirstUseWithoutProfileFields()
    {
        var rule = RuleExpression.Compile(
            "purchase.count == 0 && (maxProductViews >= 3 || purchase.count > 1) && profile.tier == 'gold' && video_play.count > 0");

        Assert.Equal(["purchase.count", "maxProductViews", "video_play.count"], rule.Features);
    }

    [Theory]
    [InlineData("purchase.count > 0)", 19, "unexpected ')' at column 19; fix the expression")]
    [InlineData("(purchase.count > 0", 20, "unexpected end of expression at column 20; close the '(' opened at column 1 with ')'")]
    [InlineData("purchase.count > ", 18, "unexpected end of expression at column 18; complete the condition")]
    [InlineData("purchase.count > && eventCount", 18, "unexpected '&&' at column 18; fix the expression")]
    [InlineData("purchase.count = 1", 16, "unexpected '=' at column 16; use '==' to compare")]
    [InlineData("eventCount > 1 & login.count", 16, "unexpected '&' at column 16; use '&&' for and")]
    [InlineData("eventCount > 1 | login.count", 16, "unexpected '|' at column 16; use '||' for or")]
    [InlineData("eventCount + 1 > 2", 12,
        "unexpected '+' at column 12; rules compare values but do no arithmetic; compare features directly, e.g. add_to_cart.count > remove_from_cart.count")]
    [InlineData("eventCount >= 1.", 16, "unexpected '.' at column 16; fix the expression")]
    [InlineData("profile.tier == \"gold\"", 17, "unexpected '\"' at column 17; write strings in single quotes, e.g. 'gold'")]
    [InlineData("profile.tier == 'gold", 17, "unterminated string starting at column 17; close it with '")]
    [InlineData("eventCount > 1 > 0", 16, "unexpected '>' at column 16; compare two values at a time and join comparisons with && or ||")]
    [InlineData("eventCount > 1 login.count", 16, "unexpected 'login.count' at column 16; fix the expression")]
    [InlineData("", 1, "the expression is empty; write a condition, e.g. purchase.count > 0")]
    [InlineData("   ", 1, "the expression is empty; write a condition, e.g. purchase.count > 0")]
    [InlineData("()", 2, "unexpected ')' at column 2; fix the expression")]
    public void SyntaxErrorsNameTheColumn(string rule, int column, string message)
    {
        var error = Assert.Throws<RuleExpressionException>(() => RuleExpression.Compile(rule));

        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("profile.tier < 'gold'", 14, "'<' at column 14 cannot compare text; text supports ==, != and in")]
    [InlineData("profile.tier == 3", 14, "'==' at column 14 compares text (profile.tier) with a number (3); compare like with like")]
    [InlineData("profile.tier", 1, "profile.tier at column 1 is text, not a condition; compare it, e.g. profile.tier == 'gold'")]
    [InlineData("eventCount > 1 && 'yes'", 19, "'yes' at column 19 is text, not a condition; compare it, e.g. profile.tier == 'gold'")]
    [InlineData("(eventCount > 1) == 1", 18,
        "'==' at column 18 cannot compare the condition (eventCount > 1); join conditions with &&, || and !")]
    [InlineData("profile.tier in (1)", 18, "unexpected '1' at column 18; the list of 'in' holds 'quoted' texts, as profile.tier is text")]
    [InlineData("funnelStep in ('2')", 16, "unexpected '2' at column 16; the list of 'in' holds numbers, as funnelStep is a number")]
    [InlineData("profile.tier in 'gold'", 17, "unexpected 'gold' at column 17; 'in' at column 14 takes a list in parentheses, e.g. in ('gold', 'platinum')")]
    [InlineData("profile.tier in ('gold',)", 25, "unexpected ')' at column 25; the list of 'in' holds 'quoted' texts, as profile.tier is text")]
    [InlineData("profile.tier in ('gold' 'silver')", 25, "unexpected 'silver' at column 25; close the list opened at column 17 with ')'")]
    [InlineData("foo > 1", 1,
        "unknown name 'foo' at column 1; use a feature such as eventCount or maxProductViews, '<eventType>.count' or a profile field (docs/classification-rules.md lists them)")]
    [InlineData("eventCount > 1 && EventCount < 9", 19, "unknown name 'EventCount' at column 19; names are case-sensitive: did you mean 'eventCount'?")]
    [InlineData("Purchase.count > 0", 1, "unknown name 'Purchase.count' at column 1; names are case-sensitive: did you mean 'purchase.count'?")]
    [InlineData("profile.Tier == 'gold'", 1, "unknown name 'profile.Tier' at column 1; names are case-sensitive: did you mean 'profile.tier'?")]
    [InlineData("profile.age > 30", 1,
        "unknown profile field 'profile.age' at column 1; use one of profile.tier, profile.persona, profile.country, profile.lifetimeValue, profile.marketingConsent, profile.present")]
    public void TypeAndNameErrorsNameTheColumn(string rule, int column, string message)
    {
        var error = Assert.Throws<RuleExpressionException>(() => RuleExpression.Compile(rule));

        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void RefusesNestingDeeperThanSixtyFour()
    {
        Assert.Equal("(eventCount > 1)", RuleExpression.Compile(new string('(', 64) + "eventCount > 1" + new string(')', 64)).Parenthesized);

        var error = Assert.Throws<RuleExpressionException>(() => RuleExpression.Compile(new string('(', 65) + "eventCount > 1" + new string(')', 65)));
        Assert.Equal("the expression nests too deeply at column 65; simplify it", error.Message);
    }

    [Fact]
    public void EvaluatingAllocatesNothing()
    {
        var rule = RuleExpression.Compile(
            "(eventCount >= 2 && maxProductViews < 3 || 3 <= funnelStep) && profile.tier in ('gold', 'silver') && profile.country != 'DE' && !other.count");
        var features = new SessionFeatures(new Dictionary<string, double> { ["eventCount"] = 5, ["maxProductViews"] = 1 }, Gold);
        Assert.True(rule.Evaluate(features));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            rule.Evaluate(features);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
