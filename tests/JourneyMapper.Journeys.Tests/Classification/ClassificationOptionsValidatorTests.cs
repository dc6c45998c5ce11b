using JourneyMapper.Journeys.Classification;
using Microsoft.Extensions.Options;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Classification;

public sealed class ClassificationOptionsValidatorTests
{
    private static readonly ClassificationOptionsValidator Validator = new();

    private static IEnumerable<string> Failures(ClassificationOptions options) => Validator.Validate(null, options).Failures ?? [];

    private static SegmentRule Rule(string segment, string name, string when) => new() { Segment = segment, Name = name, When = when };

    [Fact]
    public void NamesTheKeyAndColumnOfABrokenCondition()
    {
        var options = new ClassificationOptions();
        options.Rules[3].When = "purchase.count>0)";

        Assert.Equal(["JourneyMapper:Classification:Rules:3:When: unexpected ')' at column 17; fix the expression"], Failures(options));
    }

    [Fact]
    public void ReportsEveryProblemInKeyOrder()
    {
        var options = new ClassificationOptions
        {
            DefaultSegment = "no match",
            Rules =
            [
                Rule("", "a", "eventCount > 1"),
                Rule("big spender", "b", "profile.lifetimeValue > 100"),
                Rule("ok", "a", "  "),
                Rule("ok", "d", "profile.tier > 'gold'"),
                Rule("ok", "e", "prodct_view.cnt > 1"),
                null!,
            ],
        };

        Assert.Equal(
            [
                "JourneyMapper:Classification:DefaultSegment is 'no match': use letters, digits, '.', '_' or '-' (the segment names its trigger topic).",
                "JourneyMapper:Classification:Rules:0:Segment is required: name the segment, e.g. cart-abandonment.",
                "JourneyMapper:Classification:Rules:1:Segment is 'big spender': use letters, digits, '.', '_' or '-' (the segment names its trigger topic).",
                "JourneyMapper:Classification:Rules:2:Name is 'a', as is JourneyMapper:Classification:Rules:0:Name: give each rule its own name.",
                "JourneyMapper:Classification:Rules:2:When is required: write the condition, e.g. purchase.count > 0 (docs/classification-rules.md).",
                "JourneyMapper:Classification:Rules:3:When: '>' at column 14 cannot compare text; text supports ==, != and in",
                "JourneyMapper:Classification:Rules:4:When: unknown name 'prodct_view.cnt' at column 1; use a feature such as eventCount or maxProductViews,"
                    + " '<eventType>.count' or a profile field (docs/classification-rules.md lists them)",
                "JourneyMapper:Classification:Rules:5 is empty: give the rule a Segment and a When.",
            ],
            Failures(options));
    }

    [Fact]
    public void RequiresRulesAndADefaultSegment()
    {
        Assert.Equal(
            [
                "JourneyMapper:Classification:DefaultSegment is required: name the segment, e.g. unclassified.",
                "JourneyMapper:Classification:Rules is empty: list at least one rule (Segment, Name, When), or leave Rules out to use the default segments.",
            ],
            Failures(new ClassificationOptions { Rules = [], DefaultSegment = " " }));
        Assert.Equal(
            ["JourneyMapper:Classification:Rules is empty: list at least one rule (Segment, Name, When), or leave Rules out to use the default segments."],
            Failures(new ClassificationOptions { Rules = null! }));
    }

    [Fact]
    public void AcceptsSeveralRulesForOneSegmentAndUnnamedRules()
    {
        var options = new ClassificationOptions
        {
            Rules = [Rule("vip", "vip/tier", "profile.tier == 'gold'"), Rule("vip", "", "profile.lifetimeValue >= 1000"), Rule("vip", "", "login.count > 3")],
        };

        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void TheClassifierRefusesWhatTheValidatorRefuses()
    {
        var options = new ClassificationOptions();
        options.Rules[3].When = "purchase.count>0)";
        options.Rules[0].Segment = "";

        var error = Assert.Throws<ClassificationConfigurationException>(() => new SessionClassifier(options));

        Assert.Equal(Failures(options), error.Failures);
    }

    [Fact]
    public void TheOptionsPipelineRefusesInvalidRulesWithTheSameMessages()
    {
        var factory = new OptionsFactory<ClassificationOptions>(
            [new ConfigureOptions<ClassificationOptions>(options => options.Rules[3].When = "purchase.count>0)")],
            [],
            [Validator]);

        var error = Assert.Throws<OptionsValidationException>(() => factory.Create(Options.DefaultName));

        Assert.Equal(["JourneyMapper:Classification:Rules:3:When: unexpected ')' at column 17; fix the expression"], error.Failures);
    }
}
