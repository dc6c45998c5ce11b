using JourneyMapper.Journeys.Classification;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Classification;

/// <summary>
/// The sessionizer's own view of a session is read by position; a classification over it must report every feature
/// with the value its name has, as one over a plain map of the same names and values does.
/// </summary>
public sealed class PositionalFeaturesTests
{
    [Fact]
    public void AFeatureReadByPositionIsReportedWithTheValueItsNameHas()
    {
        var session = new JourneySession();
        string[] types = ["page_view", "product_view", "product_view", "search", "product_view", "add_to_cart", "video_play"];
        for (var i = 0; i < types.Length; i++)
        {
            session.Add(new ClickEvent { EventId = $"e-{i}", EventType = types[i], UserId = "u", ProductId = i is 1 or 2 ? "p1" : "p2" }, 60_000L * i, cap: 50);
        }

        var view = new SessionFeatureView { Session = session };
        var classifier = new SessionClassifier(new ClassificationOptions
        {
            Rules =
            [
                new SegmentRule { Segment = "busy", Name = "busy", When = "eventCount >= 7 && maxProductViews >= 2 && distinctProducts >= 2" },
                new SegmentRule { Segment = "cart", Name = "cart", When = "add_to_cart.count >= 1 && search.count >= 1 && video_play.count >= 1" },
            ],
        });

        var byPosition = classifier.Classify(new SessionFeatures(view, null)).Features;
        var byName = classifier.Classify(new SessionFeatures(new Dictionary<string, double>(view), null)).Features;

        Assert.Equal(
            [
                KeyValuePair.Create("eventCount", 7.0), KeyValuePair.Create("maxProductViews", 2.0), KeyValuePair.Create("distinctProducts", 2.0),
                KeyValuePair.Create("add_to_cart.count", 1.0), KeyValuePair.Create("search.count", 1.0), KeyValuePair.Create("video_play.count", 1.0),
            ],
            byPosition);
        Assert.Equal(byName, byPosition);
    }
}
