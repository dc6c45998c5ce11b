using System.Collections;
using System.Text;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Segments;

/// <summary>
/// A segment's event ids as the session holds them: UUIDs as their bits, any other id as its string. A segment goes
/// out for every closed session and every provisional update, and its ids were formatted to strings each time only to
/// be encoded; now the Avro codec copies each id's UTF-8 (<see cref="IUtf8StringList"/>), and a string is made only for
/// a reader that asks for one. A copy: the session it came from is decoded into again once put back.
/// </summary>
internal sealed class EventIdList : IUtf8StringList
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

    public bool TryCopyUtf8(int index, Span<byte> destination, out int written)
    {
        if (_texts?[index] is { } text)
        {
            return Encoding.UTF8.TryGetBytes(text, destination, out written);
        }

        if (destination.Length < UuidText.Length)
        {
            written = 0;
            return false;
        }

        UuidText.WriteUtf8(Upper(index), Lower(index), destination);
        written = UuidText.Length;
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

    private ulong Upper(int index) => (ulong)(_uuids[index] >> 64);

    private ulong Lower(int index) => (ulong)_uuids[index];
}
