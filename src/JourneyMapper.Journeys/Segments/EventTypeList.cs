using JourneyMapper.Journeys.Sessions;

namespace JourneyMapper.Journeys.Segments;

/// <summary>
/// A segment's path as the session holds it: a canonical event type by its position in <see cref="EventTypes"/>, whose
/// UTF-8 is encoded once for the process, not once per entry of every segment; any other type as its string.
/// </summary>
internal sealed class EventTypeList : CompactStringList
{
    private readonly sbyte[] _canonical; // the position in EventTypes, or -1 where the type is held as its string

    private EventTypeList(sbyte[] canonical, string?[]? others)
        : base(others) => _canonical = canonical;

    /// <summary>The types of the first <paramref name="count"/> entries of <paramref name="log"/>.</summary>
    public static EventTypeList From(in EntryLog log, int count)
    {
        var canonical = new sbyte[count];
        string?[]? others = null;
        for (var i = 0; i < count; i++)
        {
            canonical[i] = (sbyte)log.CanonicalTypeAt(i);
            if (canonical[i] < 0)
            {
                (others ??= new string?[count])[i] = log.EventTypeAt(i);
            }
        }

        return new EventTypeList(canonical, others);
    }

    public override int Count => _canonical.Length;

    protected override string CompactText(int index) => EventTypes.Canonical[_canonical[index]];

    protected override bool TryCopyCompactUtf8(int index, Span<byte> destination, out int written)
    {
        var utf8 = EventTypes.Utf8Of(_canonical[index]);
        var fits = utf8.TryCopyTo(destination);
        written = fits ? utf8.Length : 0;
        return fits;
    }
}
