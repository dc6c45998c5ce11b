using JourneyMapper.Journeys.Segments;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Segments;

/// <summary>
/// A segment's event ids stay as the session held them until encoded: whoever reads them, as strings or as the UTF-8
/// the Avro codec copies, must get exactly what a list of the original strings gives.
/// </summary>
public sealed class EventIdListTests
{
    // Canonical UUIDs (held as bits), ids of other forms (held as text: uppercase, braces, non-ASCII, longer than
    // the codec's room on the stack in UTF-8), in event-time order.
    private static readonly string[] Ids =
    [
        "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11",
        "E-00002",
        "00000000-0000-0000-0000-000000000000",
        "{0B000000-0000-0000-0000-000000000000}",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "id-ü-€-😀",
        new string('x', 300),
    ];

    [Fact]
    public void TheIdsReadAsTheStringsTheEventsCarried()
    {
        var ids = EventIdList.From(Log(), Ids.Length);

        Assert.Equal(Ids, ids);
        Assert.Equal(Ids, Enumerable.Range(0, ids.Count).Select(i => ids[i]));
        Assert.Equal(["6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11", "E-00002"], EventIdList.From(Log(), 2));
    }

    [Fact]
    public void EachIdCopiesAsTheUtf8OfItsStringOrNotAtAllWhereItDoesNotFit() =>
        Utf8StringListAssert.CopiesAsTheUtf8Of(Ids, EventIdList.From(Log(), Ids.Length));

    [Fact]
    public void TheAvroEncodingIsTheSameBytesAsForTheStrings()
    {
        var asStrings = new JourneySegment { SessionId = "s-1", Start = 1_000, End = 7_000, PrimarySegment = "bounce", EventIds = Ids };
        var asHeld = asStrings with { EventIds = EventIdList.From(Log(), Ids.Length) };

        var bytes = JourneySegmentAvroCodec.Instance.Encode(asHeld);

        Assert.Equal(JourneySegmentAvroCodec.Instance.Encode(asStrings), bytes);
        Assert.Equal(Ids, JourneySegmentAvroCodec.Instance.Decode(bytes).EventIds);
    }

    private static EntryLog Log()
    {
        var log = default(EntryLog);
        for (var i = 0; i < Ids.Length; i++)
        {
            log.Insert(1_000 * (i + 1), Ids[i], "page_view", EventTypes.IndexOf("page_view"), cap: 50);
        }

        return log;
    }
}
