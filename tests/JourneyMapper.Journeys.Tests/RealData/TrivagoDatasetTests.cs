using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.RealData;

public sealed class TrivagoDatasetTests
{
    [Fact]
    public void LoadsTheCountsProvenanceStates()
    {
        var rows = TrivagoDataset.Load();

        Assert.Equal(12_109, rows.Count);
        Assert.Equal(3_812, rows.Select(row => row.UserId).Distinct().Count());
        Assert.Equal(4_591, rows.Select(row => row.SessionId).Distinct().Count());
        Assert.Equal(
            [(TrivagoDataset.ClickoutItem, 9_122), (TrivagoDataset.InteractionItemInfo, 2_987)],
            rows.CountBy(row => row.ActionType).OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value)));
        Assert.Equal((2, 12_110), (rows[0].LineNumber, rows[^1].LineNumber));
    }

    [Fact]
    public void SeventyRowsExactlyDuplicateAnEarlierRowAndShareItsEventId()
    {
        var rows = TrivagoDataset.Load();

        Assert.Equal(70, rows.Count - rows.Select(row => row.Line).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(70, rows.Count - rows.Select(row => row.EventId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(132, rows.GroupBy(row => row.Line, StringComparer.Ordinal).Where(group => group.Count() > 1).Sum(group => group.Count()));
    }

    [Fact]
    public void EveryTrueSessionBelongsToOneUserAndSpansTheFirstSixDaysOfNovember2018()
    {
        var rows = TrivagoDataset.Load();

        Assert.All(rows.GroupBy(row => row.SessionId), session => Assert.Single(session.Select(row => row.UserId).Distinct()));
        Assert.Equal(
            (new DateTimeOffset(2018, 11, 1, 0, 2, 58, TimeSpan.Zero), new DateTimeOffset(2018, 11, 6, 23, 59, 42, TimeSpan.Zero)),
            (DateTimeOffset.FromUnixTimeSeconds(rows.Min(row => row.TimestampSeconds)), DateTimeOffset.FromUnixTimeSeconds(rows.Max(row => row.TimestampSeconds))));
    }

    [Fact]
    public void OneHundredSixtyFourTrueSessionsHoldAGapOverThirtyMinutes()
    {
        var withGap = TrivagoDataset.Load()
            .GroupBy(row => row.SessionId)
            .Count(session =>
            {
                var times = session.Select(row => row.TimestampSeconds).Order().ToList();
                return times.Zip(times.Skip(1)).Any(pair => pair.Second - pair.First > 30 * 60);
            });

        Assert.Equal(164, withGap);
    }

    [Fact]
    public void QuotedListColumnsKeepTheirCommas()
    {
        var first = TrivagoDataset.Load()[0];

        Assert.Equal(("05fe82b496fb9", "M1Z13DD0P2KH", 1_541_422_443L, "clickout item", "4304686"), (first.SessionId, first.UserId, first.TimestampSeconds, first.ActionType, first.ItemId));
        Assert.StartsWith("['109351', '150138', ", first.Impressions, StringComparison.Ordinal);
        Assert.EndsWith(", '5497220']", first.Impressions, StringComparison.Ordinal);
        Assert.Equal(25, first.Impressions.Split(',').Length);
        Assert.Equal(("['', '', '', '', '']", "7", "1.0"), (first.ListReferenceItem, first.PosItemId, first.Clicked));
    }

    [Fact]
    public void RowBecomesAClickEvent()
    {
        var first = TrivagoDataset.Load()[0];

        var clickEvent = first.ToClickEvent();

        // sha256 of the row's text: sed -n 2p interaction_dataset.csv | tr -d '\n' | sha256sum
        Assert.Equivalent(
            new ClickEvent
            {
                EventId = "trivago-10c0d3e1ac3d2ca70052ba5401827984",
                Timestamp = 1_541_422_443_000,
                EventType = "checkout_start",
                UserId = "M1Z13DD0P2KH",
                ProductId = "4304686",
                Properties = new Dictionary<string, string> { ["actionType"] = "clickout item", ["trueSessionId"] = "05fe82b496fb9" },
            },
            clickEvent,
            strict: true);
    }

    [Theory]
    [InlineData("interaction item info", "product_view")]
    [InlineData("clickout item", "checkout_start")]
    [InlineData("filter selection", "filter selection")]
    public void ActionTypesMapToCanonicalEventTypes(string actionType, string eventType)
    {
        Assert.Equal(eventType, TrivagoDataset.CanonicalEventType(actionType));
    }

    [Fact]
    public void TrueSessionIdsCoverEveryDistinctEvent()
    {
        var trueSessions = TrivagoDataset.TrueSessionIds(TrivagoDataset.Load());

        Assert.Equal(12_039, trueSessions.Count);
        Assert.Equal("05fe82b496fb9", trueSessions["trivago-10c0d3e1ac3d2ca70052ba5401827984"]);
    }

    [Fact]
    public void ParserHandlesDoubledQuotesAndEmptyFields()
    {
        var csv = TrivagoDataset.Header + "\n" + "s1,u1,1541422443,clickout item,42,\"['a', \"\"b\"\"]\",,-1,0.0\n\n";

        var row = Assert.Single(TrivagoDataset.Parse(new StringReader(csv)));

        Assert.Equal(("['a', \"b\"]", "", "-1"), (row.Impressions, row.ListReferenceItem, row.PosItemId));
    }

    [Theory]
    [InlineData("session_id,user_id\n", "line 1: expected the header")]
    [InlineData("{header}\ns1,u1,1,clickout item,42\n", "line 2: expected 9 fields, found 5.")]
    [InlineData("{header}\ns1,u1,soon,clickout item,42,,,,\n", "line 2: timestamp 'soon' is not whole epoch seconds.")]
    [InlineData("{header}\ns1,u1,1,clickout item,42,\"['a',,,,\n", "line 2: a quoted field is not closed.")]
    public void MalformedInputNamesTheLine(string csv, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => TrivagoDataset.Parse(new StringReader(csv.Replace("{header}", TrivagoDataset.Header, StringComparison.Ordinal))));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataNamesWhereItLooked()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SharedData.Locate("no-such-set", "data.csv"));

        Assert.Contains("shared/data/no-such-set/data.csv was not found in ", error.Message, StringComparison.Ordinal);
    }
}
