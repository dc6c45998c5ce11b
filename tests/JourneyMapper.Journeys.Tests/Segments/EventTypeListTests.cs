using JourneyMapper.Journeys.Segments;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Segments;

/// <summary>
/// A segment's path stays as the session held it until encoded: read as strings or copied as UTF-8 by the Avro codec,
/// it must give exactly what a list of the event types' strings gives.
/// </summary>
public sealed class EventTypeListTests
{
    // Canonical types (held by position) and others (held as text: unknown, differently capitalised, non-ASCII, longer
    // than the codec's room on the stack in UTF-8), in event-time order.
    private static readonly string[] Types =
    [
        "page_view",
        "video_play",
        "product_view",
        "Page_View",
        "añadir_al_carrito",
        "feedback",
        new string('t', 300),
        "purchase",
    ];

    [Fact]
    public void TheTypesReadAsTheStringsTheEventsCarried()
    {
        var path = EventTypeList.From(Log(), Types.Length);

        Assert.Equal(Types, path);
        Assert.Equal(Types, Enumerable.Range(0, path.Count).Select(i => path[i]));
        Assert.Equal(["page_view", "video_play", "product_view"], EventTypeList.From(Log(), 3));
        Assert.Same(EventTypes.Canonical[EventTypes.ProductView], path[2]);
    }

    [Fact]
    public void EachTypeCopiesAsTheUtf8OfItsStringOrNotAtAllWhereItDoesNotFit() =>
        Utf8StringListAssert.CopiesAsTheUtf8Of(Types, EventTypeList.From(Log(), Types.Length));

    [Fact]
    public void TheAvroEncodingIsTheSameBytesAsForTheStrings()
    {
        var asStrings = new JourneySegment { SessionId = "s-1", Start = 1_000, End = 7_000, PrimarySegment = "bounce", Path = Types };
        var asHeld = asStrings with { Path = EventTypeList.From(Log(), Types.Length) };

        var bytes = JourneySegmentAvroCodec.Instance.Encode(asHeld);

        Assert.Equal(JourneySegmentAvroCodec.Instance.Encode(asStrings), bytes);
        Assert.Equal(Types, JourneySegmentAvroCodec.Instance.Decode(bytes).Path);
    }

    private static EntryLog Log()
    {
        var log = default(EntryLog);
        for (var i = 0; i < Types.Length; i++)
        {
            log.Insert(1_000 * (i + 1), $"e-{i}", Types[i], EventTypes.IndexOf(Types[i]), cap: 50);
        }

        return log;
    }
}
