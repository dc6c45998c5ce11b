using System.Runtime.InteropServices;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// A session's first events in event-time order, ties broken by id (ordinally, so that any arrival order gives the
/// same sequence), at most a cap, kept compact because every open session holds one: 25 bytes an event and no object of
/// its own when its id is a canonical UUID (<see cref="UuidText"/>) and its type canonical (<see cref="EventTypes"/>),
/// as nearly all are. Any other id or type is kept as its string, in arrays made only when the first one arrives.
/// </summary>
internal struct EntryLog
{
    /// <summary>The type byte of an event type outside the canonical list; its name is in <see cref="_typeNames"/>.</summary>
    private const byte OtherType = byte.MaxValue;

    private const int FirstCapacity = 4;

    private Slot[]? _slots;
    private string?[]? _ids;
    private string?[]? _typeNames;

    public int Count { get; private set; }

    public readonly long TimestampAt(int index) => _slots![index].Timestamp;

    public readonly string EventIdAt(int index) =>
        _ids?[index] ?? UuidText.ToString(_slots![index].High, _slots[index].Low);

    /// <summary>True, with its bits, when the id at <paramref name="index"/> is held as a UUID.</summary>
    public readonly bool TryGetUuid(int index, out ulong high, out ulong low)
    {
        (high, low) = (_slots![index].High, _slots[index].Low);
        return _ids?[index] is null;
    }

    /// <summary>The position of the type at <paramref name="index"/> in <see cref="EventTypes.Canonical"/>, or -1.</summary>
    public readonly int CanonicalTypeAt(int index) => _slots![index].Type == OtherType ? -1 : _slots[index].Type;

    public readonly string EventTypeAt(int index) =>
        _slots![index].Type == OtherType ? _typeNames![index]! : EventTypes.Canonical[_slots[index].Type];

    /// <summary>Files an event in order; an event that would come after the first <paramref name="cap"/> is left out.</summary>
    public void Insert(long timestamp, string eventId, string eventType, int canonicalType, int cap)
    {
        var isUuid = UuidText.TryParse(eventId, out var high, out var low);
        Insert(new Slot(timestamp, high, low, TypeByte(canonicalType)), isUuid ? null : eventId, canonicalType < 0 ? eventType : null, cap);
    }

    /// <summary>Files an event whose id is a UUID, given as its bits.</summary>
    public void Insert(long timestamp, ulong idHigh, ulong idLow, string eventType, int canonicalType, int cap) =>
        Insert(new Slot(timestamp, idHigh, idLow, TypeByte(canonicalType)), null, canonicalType < 0 ? eventType : null, cap);

    /// <summary>Files the entry at <paramref name="index"/> of another log, as it is held there.</summary>
    public void InsertFrom(in EntryLog other, int index, int cap)
    {
        var slot = other._slots![index];
        Insert(slot, other._ids?[index], slot.Type == OtherType ? other._typeNames![index] : null, cap);
    }

    /// <summary>Room for <paramref name="capacity"/> entries in all, made now: for a log about to be filled to a known size.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > (_slots?.Length ?? 0))
        {
            Grow(capacity);
        }
    }

    /// <summary>Empties the log and keeps its slots, for a session decoded into again; the rare text arrays go.</summary>
    public void Clear()
    {
        (_ids, _typeNames, Count) = (null, null, 0);
    }

    private static byte TypeByte(int canonicalType) => canonicalType < 0 ? OtherType : (byte)canonicalType;

    private void Insert(Slot slot, string? idText, string? typeName, int cap)
    {
        var position = Count;
        while (position > 0 && Compare(position - 1, slot, idText) > 0)
        {
            position--;
        }

        if (position >= cap)
        {
            return;
        }

        if (Count == (_slots?.Length ?? 0) && Count < cap)
        {
            Grow(Math.Min(cap, Count < FirstCapacity ? FirstCapacity : Count + (Count / 2)));
        }

        if (idText is not null)
        {
            _ids ??= new string?[_slots!.Length];
        }

        if (typeName is not null)
        {
            _typeNames ??= new string?[_slots!.Length];
        }

        // The last entry falls out when the log is full.
        var last = Math.Min(Count, cap - 1);
        Shift(_slots!, position, last);
        Shift(_ids, position, last);
        Shift(_typeNames, position, last);
        _slots![position] = slot;
        if (_ids is not null)
        {
            _ids[position] = idText;
        }

        if (_typeNames is not null)
        {
            _typeNames[position] = typeName;
        }

        Count = last + 1;
    }

    private readonly int Compare(int index, in Slot slot, string? idText)
    {
        var byTime = _slots![index].Timestamp.CompareTo(slot.Timestamp);
        if (byTime != 0)
        {
            return byTime;
        }

        var heldText = _ids?[index];
        if (heldText is null && idText is null)
        {
            var byHigh = _slots[index].High.CompareTo(slot.High);
            return byHigh != 0 ? byHigh : _slots[index].Low.CompareTo(slot.Low);
        }

        Span<char> held = stackalloc char[UuidText.Length];
        Span<char> added = stackalloc char[UuidText.Length];
        return Text(heldText, _slots[index], held).SequenceCompareTo(Text(idText, slot, added));
    }

    private static ReadOnlySpan<char> Text(string? text, in Slot slot, Span<char> buffer)
    {
        if (text is not null)
        {
            return text;
        }

        UuidText.Write(slot.High, slot.Low, buffer);
        return buffer;
    }

    // Half again as large each time, not double: the slack is memory every open session holds.
    private void Grow(int capacity)
    {
        Array.Resize(ref _slots, capacity);
        if (_ids is not null)
        {
            Array.Resize(ref _ids, capacity);
        }

        if (_typeNames is not null)
        {
            Array.Resize(ref _typeNames, capacity);
        }
    }

    private static void Shift<T>(T[]? items, int from, int last)
    {
        if (items is not null && last > from)
        {
            Array.Copy(items, from, items, from + 1, last - from);
        }
    }

    /// <summary>
    /// An event's time, the id's bits (high and low 64) when it is a UUID, and its type: the position in
    /// <see cref="EventTypes.Canonical"/> or <see cref="OtherType"/>. Packed, 25 bytes with no padding.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private readonly record struct Slot(long Timestamp, ulong High, ulong Low, byte Type);
}
