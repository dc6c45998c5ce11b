using JourneyMapper.Journeys.Classification;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>
/// An open session is classified without its profile when no rule reads one; a rule that does read it must still see
/// it on every event, and every provisional update carries the profile either way.
/// </summary>
public sealed class ProfileRuleTests
{
    private static readonly UserProfile GoldProfile = new()
    {
        UserId = "alice", Tier = Tier.Gold, AnalyticsConsent = true, MarketingConsent = true, UpdatedAt = JourneyDriver.T0,
    };

    [Fact]
    public void AProvisionalUpdateFollowsARuleThatReadsTheProfile()
    {
        var options = JourneyDriver.TestOptions() with
        {
            Classification = new ClassificationOptions { Rules = [Rule("gold-browser", "profile.tier == 'gold' && eventCount >= 2"), Rule("browser", "eventCount >= 1")] },
        };
        using var journeys = new JourneyDriver(options);
        journeys.Profile("alice", GoldProfile);
        journeys.Send("alice", 0);
        journeys.Send("alice", 1);

        var update = Assert.Single(journeys.Updates());
        Assert.Equal(("gold-browser", "gold"), (update.PrimarySegment, update.Profile?.Tier));
    }

    [Fact]
    public void AProvisionalUpdateCarriesTheProfileWhenNoRuleReadsIt()
    {
        using var journeys = new JourneyDriver();
        journeys.Profile("alice", GoldProfile);
        journeys.Send("alice", 0, "product_view", "p-1");
        journeys.Send("alice", 1, "add_to_cart", "p-1");

        var update = Assert.Single(journeys.Updates());
        Assert.Equal((DefaultSegmentRules.CartAbandonment, "gold"), (update.PrimarySegment, update.Profile?.Tier));
    }

    [Theory]
    [InlineData("profile.tier == 'gold'", true)]
    [InlineData("eventCount > 1 || profile.present", true)]
    [InlineData("eventCount > 1 && purchase.count == 0", false)]
    public void ACompiledRuleKnowsWhetherItReadsTheProfile(string rule, bool readsProfile) =>
        Assert.Equal(readsProfile, RuleExpression.Compile(rule).ReadsProfile);

    private static SegmentRule Rule(string segment, string when) => new() { Segment = segment, Name = segment, When = when };
}
