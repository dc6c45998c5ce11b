using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Sessions;

/// <summary>
/// A session keeps UUID event ids as 16 bytes and canonical types as a byte; what it hands back must be exactly what a
/// list of strings sorted by time, then ordinally by id, would hold, whatever the mix of ids and the arrival order.
/// </summary>
public sealed class EntryLogTests
{
    private static readonly string[] Types = ["page_view", "product_view", "purchase", "video_play", "Page_View"];

    [Theory]
    [InlineData("6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11", true)]
    [InlineData("00000000-0000-0000-0000-000000000000", true)]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff", true)]
    [InlineData("6F1C2A7E-3B9D-4C55-9A8E-2D7F0B1E4C11", false)]
    [InlineData("{6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11}", false)]
    [InlineData("6f1c2a7e3b9d4c559a8e2d7f0b1e4c11", false)]
    [InlineData("6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c1g", false)]
    [InlineData("e-00001", false)]
    public void OnlyTheCanonicalUuidFormIsHeldAsBitsAndItsTextComesBackUnchanged(string eventId, bool compact)
    {
        Assert.Equal(compact, UuidText.TryParse(eventId, out var high, out var low));
        if (compact)
        {
            Assert.Equal(eventId, UuidText.ToString(high, low));
        }
    }

    [Fact]
    public void EntriesAreTheFirstOnesByTimeThenIdWhateverTheArrivalOrderAndTheMixOfIds() =>
        Prop.ForAll(Arb.From(Events()), events =>
            {
                const int Cap = 12;
                var session = new JourneySession();
                foreach (var (time, id, type) in events)
                {
                    session.Add(new ClickEvent { EventId = id, EventType = type, UserId = "u" }, time, Cap);
                }

                var expected = events
                    .OrderBy(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal)
                    .Take(Cap)
                    .Select(e => new SessionEntry(e.Time, e.Id, e.Type))
                    .ToList();
                Assert.Equal(expected, session.Entries);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void AMergedSessionHoldsTheEntriesOfBothPartsInOrder()
    {
        var (left, right) = (new JourneySession(), new JourneySession());
        left.Add(new ClickEvent { EventId = "b", EventType = "video_play", UserId = "u" }, 2, 3);
        left.Add(new ClickEvent { EventId = "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11", EventType = "page_view", UserId = "u" }, 5, 3);
        right.Add(new ClickEvent { EventId = "0a000000-0000-0000-0000-000000000000", EventType = "purchase", UserId = "u" }, 2, 3);
        right.Add(new ClickEvent { EventId = "a", EventType = "custom", UserId = "u" }, 1, 3);

        left.Merge(right, 3);

        Assert.Equal(
            [new(1, "a", "custom"), new(2, "0a000000-0000-0000-0000-000000000000", "purchase"), new(2, "b", "video_play")],
            left.Entries);
        Assert.Equal(4, left.EventCount);
    }

    // Few distinct times, so that ties are common and the id decides; ids of every kind, so that UUIDs held as bits
    // are compared with each other and with text.
    private static Gen<List<(long Time, string Id, string Type)>> Events() =>
        from count in Gen.Choose(0, 30)
        from events in Gen.ListOf(
            from time in Gen.Choose(0, 5)
            from id in Gen.OneOf(
                Gen.Fresh(() => Guid.NewGuid().ToString()),
                Gen.Fresh(() => Guid.NewGuid().ToString().ToUpperInvariant()),
                Gen.Elements("0", "00000000-0000-0000-0000-000000000000", "a", "e-1", "", "ffffffff-ffff-ffff-ffff-fffffffffff"),
                Gen.Choose(0, 9).Select(n => $"{n}0000000-0000-0000-0000-000000000000"))
            from type in Gen.Elements(Types)
            select ((long)time, id, type), count)
        select events.DistinctBy(e => e.Item2).ToList();
}
