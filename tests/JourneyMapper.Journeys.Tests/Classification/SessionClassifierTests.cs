using JourneyMapper.Journeys.Classification;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Classification;

public sealed class SessionClassifierTests
{
    private static SegmentRule Rule(string segment, string name, string when) => new() { Segment = segment, Name = name, When = when };

    private static SessionClassifier Classifier(params SegmentRule[] rules) => new(new ClassificationOptions { Rules = [.. rules] });

    private static SessionFeatures Features(double eventCount, ProfileSnapshot? profile = null) =>
        new(new Dictionary<string, double> { ["eventCount"] = eventCount, ["search.count"] = 2 }, profile);

    [Fact]
    public void TheFirstMatchingRuleGivesThePrimarySegment()
    {
        var few = Rule("few", "few", "eventCount >= 1");
        var many = Rule("many", "many", "eventCount >= 5");

        Assert.Equal("few", Classifier(few, many).Classify(Features(7)).PrimarySegment);
        Assert.Equal("many", Classifier(many, few).Classify(Features(7)).PrimarySegment);
        Assert.Equal("few", Classifier(many, few).Classify(Features(3)).PrimarySegment);
        Assert.Equal([new SegmentMatch("many", "many"), new SegmentMatch("few", "few")], Classifier(many, few).Classify(Features(7)).Segments);
    }

    [Fact]
    public void ASegmentIsListedOnceWithTheFirstRuleThatGaveIt()
    {
        var classifier = Classifier(
            Rule("vip", "vip/tier", "profile.tier in ('gold', 'platinum')"),
            Rule("searcher", "searcher", "search.count >= 2"),
            Rule("vip", "vip/spend", "profile.lifetimeValue >= 1000 && eventCount > 0"));

        var both = classifier.Classify(Features(3, new ProfileSnapshot { Tier = "gold", LifetimeValue = 2000 }));
        var spendOnly = classifier.Classify(Features(3, new ProfileSnapshot { Tier = "silver", LifetimeValue = 2000 }));

        Assert.Equal("vip", both.PrimarySegment);
        Assert.Equal([new SegmentMatch("vip", "vip/tier"), new SegmentMatch("searcher", "searcher")], both.Segments);
        Assert.Equal(new Dictionary<string, double> { ["search.count"] = 2 }, both.Features);

        // A segment ranks where its first matching rule stands: here below the searcher rule.
        Assert.Equal("searcher", spendOnly.PrimarySegment);
        Assert.Equal([new SegmentMatch("searcher", "searcher"), new SegmentMatch("vip", "vip/spend")], spendOnly.Segments);
        Assert.Equal(new Dictionary<string, double> { ["search.count"] = 2, ["eventCount"] = 3 }, spendOnly.Features);
    }

    [Fact]
    public void NothingMatchedGivesTheDefaultSegmentAndNoFeatures()
    {
        var options = new ClassificationOptions { Rules = [Rule("many", "many", "eventCount >= 5")], DefaultSegment = "other-journey" };

        var result = new SessionClassifier(options).Classify(Features(1));

        Assert.Equal("other-journey", result.PrimarySegment);
        Assert.Empty(result.Segments);
        Assert.Empty(result.Features);
    }

    [Fact]
    public void FeaturesTheRulesReadButTheSessionLacksAreReportedAsZero()
    {
        var result = Classifier(Rule("quiet", "quiet", "video_play.count == 0 && maxProductViews < 1")).Classify(Features(1));

        Assert.Equal(new Dictionary<string, double> { ["video_play.count"] = 0, ["maxProductViews"] = 0 }, result.Features);
    }

    [Fact]
    public void AnUnnamedRuleIsReportedByItsCondition()
    {
        var result = Classifier(Rule("busy", "", "  eventCount >= 5 ")).Classify(Features(9));

        Assert.Equal([new SegmentMatch("busy", "eventCount >= 5")], result.Segments);
    }

    [Fact]
    public void TheResultIsACopyNotAViewOfTheFeatures()
    {
        var values = new Dictionary<string, double> { ["eventCount"] = 9 };
        var result = Classifier(Rule("busy", "busy", "eventCount >= 5")).Classify(new SessionFeatures(values, null));

        values["eventCount"] = 1;

        Assert.Equal(9, result.Features["eventCount"]);
    }

    [Fact]
    public void AnInvalidRuleFailsConstructionNamingItsKey()
    {
        var error = Assert.Throws<ClassificationConfigurationException>(() => Classifier(Rule("ok", "ok", "eventCount > 1"), Rule("bad", "bad", "eventCount >")));

        Assert.Equal(["JourneyMapper:Classification:Rules:1:When: unexpected end of expression at column 13; complete the condition"], error.Failures);
        Assert.Equal(error.Failures[0], error.Message);
    }

    [Fact]
    public void ClassifyingWithoutAMatchAllocatesOnlyTheResult()
    {
        var classifier = new SessionClassifier(new ClassificationOptions());
        var features = new TestSession().Add("page_view").Add("login").Features();
        Assert.Equal("unclassified", classifier.Classify(features).PrimarySegment);
        var empty = classifier.Classify(features);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            classifier.Classify(features);
        }

        var classifying = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = new SegmentClassification(empty.PrimarySegment, empty.Segments, empty.Features);
        }

        Assert.Equal(GC.GetAllocatedBytesForCurrentThread() - before, classifying);
    }
}
