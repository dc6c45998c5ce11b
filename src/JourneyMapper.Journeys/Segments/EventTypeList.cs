using System.Collections;
using System.Text;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Segments;

/// <summary>
/// A segment's path as the session holds it: a canonical event type by its position in <see cref="EventTypes"/>, any
/// other type as its string. The Avro codec copies each type's UTF-8 (<see cref="IUtf8StringList"/>), so a canonical
/// name is encoded once for the process, not once per entry of every segment and provisional update. A copy: the
/// session it came from is decoded into again once put back.
/// </summary>
internal sealed class EventTypeList : IUtf8StringList
{
    private readonly sbyte[] _canonical; // the position in EventTypes, or -1 where the type is in _others
    private readonly string?[]? _others;

    private EventTypeList(sbyte[] canonical, string?[]? others) => (_canonical, _others) = (canonical, others);

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

    public int Count => _canonical.Length;

    public string this[int index] => _canonical[index] < 0 ? _others![index]! : EventTypes.Canonical[_canonical[index]];

    public bool TryCopyUtf8(int index, Span<byte> destination, out int written)
    {
        if (_canonical[index] < 0)
        {
            return Encoding.UTF8.TryGetBytes(_others![index]!, destination, out written);
        }

        var utf8 = EventTypes.Utf8Of(_canonical[index]);
        if (!utf8.TryCopyTo(destination))
        {
            written = 0;
            return false;
        }

        written = utf8.Length;
        return true;
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
