using JourneyMapper.Journeys.Sessions;

namespace JourneyMapper.Journeys.Segments;

/// <summary>A segment's event ids as the session holds them: UUIDs as their bits, any other id as its string.</summary>
internal sealed class EventIdList : CompactStringList
{
    private readonly UInt128[] _uuids;

    private EventIdList(UInt128[] uuids, string?[]? texts)
        : base(texts) => _uuids = uuids;

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

    public override int Count => _uuids.Length;

    protected override string CompactText(int index) => UuidText.ToString(Upper(index), Lower(index));

    protected override bool TryCopyCompactUtf8(int index, Span<byte> destination, out int written) =>
        UuidText.TryWriteUtf8(Upper(index), Lower(index), destination, out written);

    private ulong Upper(int index) => (ulong)(_uuids[index] >> 64);

    private ulong Lower(int index) => (ulong)_uuids[index];
}
