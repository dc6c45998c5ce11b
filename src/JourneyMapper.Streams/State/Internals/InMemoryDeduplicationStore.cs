namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Remembered keys as (128-bit hash, timestamp) structs in one open-addressing table (Robin Hood probing over a
/// table of any size, the home slot taken from the hash by multiplication), with no object per entry.
/// </summary>
/// <remarks>
/// <para>
/// Memory: an entry is 24 bytes (hash 16, timestamp 8) and nothing else. The table grows when 7/8 full, by half,
/// so just after growing it is 7/12 full: an entry costs between 27 and 41 bytes, slack included, against the
/// 48-byte budget. (Doubling, as <c>Dictionary</c> does, would leave 64 at worst; Robin Hood keeps probe
/// sequences short at 7/8, where plain linear probing would not.)
/// </para>
/// <para>
/// Expiry: forgetting is exact and immediate, because every lookup compares the entry's timestamp with stream
/// time; reclaiming memory is lazy. Whenever stream time has moved on by 1/8 of the retention since the last
/// time, one sweep walks the table and deletes the forgotten entries in place (backward shift, no tombstones),
/// and a table left less than 3/10 full is rebuilt smaller. An entry is thus swept at most 1/8 of the retention
/// after it is forgotten (the table holds at most 9/8 of a retention's keys), and every entry is walked over by
/// at most about nine sweeps in its life: an amortized constant per key, with no per-entry bookkeeping (a
/// queue by time would cost more memory than the entry itself). Time-bucketed generations (one table per slice
/// of time, dropped whole) were the alternative: they free memory without walking it, but every lookup must
/// then probe every generation, and most lookups are of new keys, which probe them all.
/// </para>
/// <para>
/// The table is native memory (<see cref="NativeBlocks"/>), on huge pages where the kernel allows. Every event probes
/// one random slot of a table of tens of megabytes, and a growing table touches all of a new one: on 4 KiB pages a
/// service's stream thread spent a twelfth of its time in the rebuilds, nearly half of that in page faults. The
/// collector gains too: no large array to zero, and nothing for it to see.
/// </para>
/// </remarks>
internal sealed unsafe class InMemoryDeduplicationStore : IDeduplicationStore, IOffHeapStore
{
    private const int InitialCapacity = 32;
    private const int SweepsPerRetention = 8;

    private readonly long _sweepInterval;
    private Entry* _slots;
    private int _capacity;
    private int _count;
    private int _growAt;

    // Entries with an older timestamp are forgotten: ObservedStreamTime - timestamp >= Retention.
    private long _liveFrom = long.MinValue;
    private long _nextSweepAt = long.MinValue;

    public InMemoryDeduplicationStore(string name, TimeSpan retention)
    {
        Name = name;
        Retention = (long)retention.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(Retention, 1, nameof(retention));
        _sweepInterval = Math.Max(1, Retention / SweepsPerRetention);
        Allocate(InitialCapacity);
    }

    public string Name { get; }

    public bool Persistent => false;

    public long Retention { get; }

    public long ObservedStreamTime { get; private set; } = long.MinValue;

    public long ApproximateNumEntries => _count;

    public long OffHeapBytes => (long)_capacity * sizeof(Entry);

    /// <summary>Slots in the table, for the memory budget's tests.</summary>
    internal int Capacity => _capacity;

    ~InMemoryDeduplicationStore() => Release();

    public bool TryAdd(UInt128 keyHash, long timestamp)
    {
        AdvanceStreamTime(timestamp);
        if (timestamp < _liveFrom)
        {
            return true;
        }

        var (high, low) = Split(keyHash);
        if (Find(high, low, out var index, out var distance))
        {
            ref var entry = ref _slots[index];
            if (entry.Timestamp >= _liveFrom)
            {
                return false;
            }

            // Forgotten but not swept yet: the key arrives anew, in the same slot.
            entry.Timestamp = timestamp;
            return true;
        }

        Insert(high, low, timestamp, index, distance);
        return true;
    }

    public bool TryGetTimestamp(UInt128 keyHash, out long timestamp)
    {
        var (high, low) = Split(keyHash);
        if (Find(high, low, out var index, out _) && _slots[index].Timestamp >= _liveFrom)
        {
            timestamp = _slots[index].Timestamp;
            return true;
        }

        timestamp = default;
        return false;
    }

    public void Put(UInt128 keyHash, long timestamp)
    {
        AdvanceStreamTime(timestamp);
        var (high, low) = Split(keyHash);
        var found = Find(high, low, out var index, out var distance);
        if (timestamp < _liveFrom)
        {
            if (found)
            {
                RemoveAt(index);
            }
        }
        else if (found)
        {
            _slots[index].Timestamp = timestamp;
        }
        else
        {
            Insert(high, low, timestamp, index, distance);
        }
    }

    public bool Remove(UInt128 keyHash)
    {
        var (high, low) = Split(keyHash);
        if (!Find(high, low, out var index, out _))
        {
            return false;
        }

        var remembered = _slots[index].Timestamp >= _liveFrom;
        RemoveAt(index);
        return remembered;
    }

    public void AdvanceStreamTime(long streamTime)
    {
        if (streamTime <= ObservedStreamTime)
        {
            return;
        }

        ObservedStreamTime = streamTime;
        _liveFrom = streamTime < long.MinValue + Retention ? long.MinValue : streamTime - Retention + 1;
        if (streamTime >= _nextSweepAt)
        {
            _nextSweepAt = streamTime > long.MaxValue - _sweepInterval ? long.MaxValue : streamTime + _sweepInterval;
            Sweep();
        }
    }

    public void Flush()
    {
    }

    /// <summary>Lets the table go: the store is empty afterwards, and holds no more than a new one.</summary>
    public void Close()
    {
        Release();
        Allocate(InitialCapacity);
    }

    /// <summary>The remembered keys with their timestamps, in no particular order (for tests).</summary>
    internal List<(UInt128 KeyHash, long Timestamp)> Remembered()
    {
        var remembered = new List<(UInt128, long)>();
        for (var i = 0; i < _capacity; i++)
        {
            var entry = _slots[i];
            if (!entry.IsEmpty && entry.Timestamp >= _liveFrom)
            {
                remembered.Add((new UInt128(entry.High, entry.Low), entry.Timestamp));
            }
        }

        return remembered;
    }

    // The all-zero hash marks an empty slot, so that hash (odds 2^-128) is filed as 1.
    private static (ulong High, ulong Low) Split(UInt128 keyHash)
    {
        var (high, low) = ((ulong)(keyHash >> 64), (ulong)keyHash);
        return high == 0 && low == 0 ? (0, 1) : (high, low);
    }

    // Multiply-shift ("fastrange"): maps the hash's high half onto a table of any size without a division.
    private static int Home(ulong high, int capacity) => (int)Math.BigMul(high, (ulong)capacity, out _);

    private static int DistanceFromHome(int index, ulong high, int capacity)
    {
        var distance = index - Home(high, capacity);
        return distance < 0 ? distance + capacity : distance;
    }

    /// <summary>
    /// True with the key's slot when it is there; otherwise false with where Robin Hood would file it: the first
    /// empty slot, or the first one whose entry is closer to its home than the key would be.
    /// </summary>
    private bool Find(ulong high, ulong low, out int index, out int distance)
    {
        var slots = _slots;
        var capacity = _capacity;
        var i = Home(high, capacity);
        for (var d = 0; ; d++)
        {
            ref var entry = ref slots[i];
            if (entry.IsEmpty || DistanceFromHome(i, entry.High, capacity) < d)
            {
                (index, distance) = (i, d);
                return false;
            }

            if (entry.High == high && entry.Low == low)
            {
                (index, distance) = (i, d);
                return true;
            }

            i = i + 1 == capacity ? 0 : i + 1;
        }
    }

    private void Insert(ulong high, ulong low, long timestamp, int index, int distance)
    {
        if (_count >= _growAt)
        {
            Rebuild(CapacityFor(_count + 1));
            Find(high, low, out index, out distance);
        }

        Place(new Entry { High = high, Low = low, Timestamp = timestamp }, index, distance);
    }

    /// <summary>Files an entry from a slot where it may go, displacing richer entries further along (Robin Hood).</summary>
    private void Place(Entry carried, int index, int distance)
    {
        var slots = _slots;
        var capacity = _capacity;
        for (var i = index; ; i = i + 1 == capacity ? 0 : i + 1, distance++)
        {
            ref var entry = ref slots[i];
            if (entry.IsEmpty)
            {
                entry = carried;
                _count++;
                return;
            }

            var residentDistance = DistanceFromHome(i, entry.High, capacity);
            if (residentDistance < distance)
            {
                (entry, carried) = (carried, entry);
                distance = residentDistance;
            }
        }
    }

    /// <summary>Deletes by shifting the entries after it one slot back, up to an empty slot or one at its home.</summary>
    private void RemoveAt(int index)
    {
        var slots = _slots;
        var capacity = _capacity;
        var next = index + 1 == capacity ? 0 : index + 1;
        while (!slots[next].IsEmpty && DistanceFromHome(next, slots[next].High, capacity) > 0)
        {
            slots[index] = slots[next];
            index = next;
            next = next + 1 == capacity ? 0 : next + 1;
        }

        slots[index] = default;
        _count--;
    }

    /// <summary>Deletes every forgotten entry in one walk of the table.</summary>
    private void Sweep()
    {
        if (_count == 0)
        {
            return;
        }

        // A deletion shifts the entries after it one slot back: into the current slot, which is looked at again,
        // or into slots not walked yet; only near the end can it pull entries from the start, walked already.
        var slots = _slots;
        var capacity = _capacity;
        for (var position = 0; position < capacity;)
        {
            if (!slots[position].IsEmpty && slots[position].Timestamp < _liveFrom)
            {
                RemoveAt(position);
            }
            else
            {
                position++;
            }
        }

        if (capacity > InitialCapacity && _count < capacity * 3L / 10)
        {
            Rebuild(CapacityFor(_count));
        }
    }

    /// <summary>Moves the remembered entries to a table of the given size; forgotten ones are left behind.</summary>
    private void Rebuild(int capacity)
    {
        var old = _slots;
        var oldCapacity = _capacity;
        Allocate(capacity);
        for (var i = 0; i < oldCapacity; i++)
        {
            var entry = old[i];
            if (!entry.IsEmpty && entry.Timestamp >= _liveFrom)
            {
                Place(entry, Home(entry.High, capacity), 0);
            }
        }

        NativeBlocks.Free((nint)old);
    }

    /// <summary>Whether every entry is where a lookup finds it (for tests).</summary>
    internal bool IsWellFormed()
    {
        var occupied = 0;
        for (var i = 0; i < _capacity; i++)
        {
            var entry = _slots[i];
            if (!entry.IsEmpty && (!Find(entry.High, entry.Low, out var index, out _) || index != i))
            {
                return false;
            }

            occupied += entry.IsEmpty ? 0 : 1;
        }

        return occupied == _count;
    }

    private void Allocate(int capacity)
    {
        _slots = (Entry*)NativeBlocks.AllocateCleared((long)capacity * sizeof(Entry));
        _capacity = capacity;
        _count = 0;
        _growAt = (int)(capacity * 7L / 8);
    }

    private void Release()
    {
        if (_slots is not null)
        {
            NativeBlocks.Free((nint)_slots);
            _slots = null;
            (_capacity, _count) = (0, 0);
        }
    }

    // Room for count entries with the table 7/12 full, as just after growing by half at 7/8.
    private static int CapacityFor(int count) => (int)Math.Clamp(count * 12L / 7 + 1, InitialCapacity, Array.MaxLength);

    private struct Entry
    {
        public ulong High;
        public ulong Low;
        public long Timestamp;

        public readonly bool IsEmpty => High == 0 && Low == 0;
    }
}
