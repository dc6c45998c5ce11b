using System.Collections;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Segments;

/// <summary>
/// A segment's event ids as the session holds them: UUIDs as their bits, any other id as its string. A segment goes
/// out for every closed session and every provisional update, and its ids were formatted to strings each time only to
/// be encoded; now the Avro codec copies the characters (<see cref="IStringSpanList"/>), and a string is made only for
/// a reader that asks for one. A copy: the session it came from is decoded into again once put back.
/// </summary>
internal sealed class EventIdList : IStringSpanList
{
    private readonly UInt128[] _uuids;
    private readonly string?[]? _texts;

    private EventIdList(UInt128[] uuids, string?[]? texts) => (_uuids, _texts) = (uuids, texts);

    /// <summary>The first <paramref name="count"/> ids of <paramref name="log"/>.</summary>
    public static EventIdList From(in EntryLog log, int count)
    {
        var uuids = new UInt128[count];
        string?[]? texts = null;
        for (var i = 0; i < count; i++)
        {
            if (log.TryGetUuid(i, out var high, out var low))
            {
                uuids[i] = new UInt128(high, low);
            }
            else
            {
                (texts ??= new string?[count])[i] = log.EventIdAt(i);
            }
        }

        return new EventIdList(uuids, texts);
    }

    public int Count => _uuids.Length;

    public string this[int index] => _texts?[index] ?? UuidText.ToString(Upper(index), Lower(index));

    public int LengthAt(int index) => _texts?[index]?.Length ?? UuidText.Length;

    public void CopyTo(int index, Span<char> destination)
    {
        if (_texts?[index] is { } text)
        {
            text.CopyTo(destination);
            return;
        }

        UuidText.Write(Upper(index), Lower(index), destination);
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ulong Upper(int index) => (ulong)(_uuids[index] >> 64);

    private ulong Lower(int index) => (ulong)_uuids[index];
}
