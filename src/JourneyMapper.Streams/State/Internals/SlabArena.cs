using System.Buffers.Binary;
using System.Numerics;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Byte blocks carved out of large arrays the arena owns, addressed by an <see cref="int"/> handle. A store that keeps
/// its values here holds no object per value: the collector sees a few large arrays with no references in them, which
/// it neither scans nor copies, however often the values change. That is what a long-lived store with millions of
/// small values needs on .NET; the managed alternative (an object graph per value) makes every collection trace
/// whatever young objects the old values point to.
/// </summary>
/// <remarks>
/// Blocks come in size classes four to a power of two (at most a quarter lost to rounding); a freed block goes on its
/// class's free list, threaded through the blocks themselves, and the next block of that class reuses it. Slabs are
/// kept once made: the arena's size follows the most values it held at once, as a memory allocator's does.
/// <para>
/// The slabs are native memory (<see cref="NativeBlocks"/>), each one huge page, backed by huge pages where the kernel
/// allows: a restore fills fresh memory fast, and a fault per 4 KiB cost more there than copying the value in. The first
/// slab is an eighth of the others and keeps 4 KiB pages, so that a store with few values holds little.
/// </para>
/// </remarks>
internal sealed unsafe class SlabArena
{
    public const int None = -1;

    /// <summary>Bytes of a slab: one huge page on x86-64 and arm64 Linux.</summary>
    public const int SlabSize = 1 << SlabShift;

    /// <summary>Bytes of an arena's first slab, unless its first block needs more.</summary>
    public const int FirstSlabSize = SlabSize / 8;

    // Handles count 16-byte units from the start of a slab's first block: 2^17 units (2 MiB) per slab index.
    private const int UnitShift = 4;
    private const int Unit = 1 << UnitShift;
    private const int SlabShift = 21;
    private const int UnitsPerSlab = SlabSize >> UnitShift;

    // A block's header: its length, then its size class.
    private const int HeaderSize = 8;
    private const int ClassesPerDoubling = 4;

    // The largest block is then exactly 1 GiB, well within an array's limit.
    private const int MaxValueLength = (1 << 30) - HeaderSize;

    private readonly List<(nint Address, int Length)> _slabs = [];
    private readonly List<int> _freeHeads = [];
    private int _bumpSlab = None;
    private int _bumpOffset;
    private int _bumpLength;

    ~SlabArena() => ReleaseSlabs();

    /// <summary>Bytes the arena holds in its slabs, used or free.</summary>
    public long Capacity { get; private set; }

    /// <summary>Bytes of blocks handed out and not yet freed, headers and rounding included.</summary>
    public long InUse { get; private set; }

    /// <summary>A block holding a copy of <paramref name="value"/>.</summary>
    public int Allocate(ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxValueLength)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Length, $"the arena holds values of up to {MaxValueLength:N0} bytes");
        }

        var sizeClass = ClassOf(HeaderSize + value.Length);
        var handle = Take(sizeClass);
        var block = Locate(handle);
        BinaryPrimitives.WriteInt32LittleEndian(block, value.Length);
        BinaryPrimitives.WriteInt32LittleEndian(block[4..], sizeClass);
        value.CopyTo(block[HeaderSize..]);
        return handle;
    }

    /// <summary>
    /// <paramref name="value"/> in place of the block's contents where it fits the block, else in a new block (the old
    /// one is freed); the handle that now holds it.
    /// </summary>
    public int Replace(int handle, ReadOnlySpan<byte> value)
    {
        var block = Locate(handle);
        var sizeClass = BinaryPrimitives.ReadInt32LittleEndian(block[4..]);
        if (HeaderSize + value.Length > SizeOf(sizeClass))
        {
            Free(handle);
            return Allocate(value);
        }

        BinaryPrimitives.WriteInt32LittleEndian(block, value.Length);
        value.CopyTo(block[HeaderSize..]);
        return handle;
    }

    /// <summary>The block's contents, valid until the block is freed or replaced.</summary>
    public ReadOnlySpan<byte> Read(int handle)
    {
        var block = Locate(handle);
        return block.Slice(HeaderSize, BinaryPrimitives.ReadInt32LittleEndian(block));
    }

    public void Free(int handle)
    {
        var block = Locate(handle);
        var sizeClass = BinaryPrimitives.ReadInt32LittleEndian(block[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(block[HeaderSize..], _freeHeads[sizeClass]);
        _freeHeads[sizeClass] = handle;
        InUse -= SizeOf(sizeClass);
    }

    /// <summary>Lets every slab go; handles from before are invalid.</summary>
    public void Clear()
    {
        ReleaseSlabs();
        _slabs.Clear();
        _freeHeads.Clear();
        (_bumpSlab, _bumpOffset, _bumpLength, Capacity, InUse) = (None, 0, 0, 0, 0);
    }

    private int Take(int sizeClass)
    {
        while (_freeHeads.Count <= sizeClass)
        {
            _freeHeads.Add(None);
        }

        var size = SizeOf(sizeClass);
        var free = _freeHeads[sizeClass];
        if (free != None)
        {
            _freeHeads[sizeClass] = BinaryPrimitives.ReadInt32LittleEndian(Locate(free)[HeaderSize..]);
            InUse += size;
            return free;
        }

        // What a slab cannot fit of a block is left unused: little for sessions of a few kilobytes, up to half a slab
        // for blocks approaching its size.
        var handle = size > SlabSize ? NewSlab(size) : Carve(size);
        InUse += size;
        return handle;
    }

    private int Carve(int size)
    {
        if (_bumpOffset + size > _bumpLength)
        {
            _bumpLength = _slabs.Count == 0 && size <= FirstSlabSize ? FirstSlabSize : SlabSize;
            _bumpSlab = NewSlab(_bumpLength) >> (SlabShift - UnitShift);
            _bumpOffset = 0;
        }

        var handle = (_bumpSlab << (SlabShift - UnitShift)) | (_bumpOffset >> UnitShift);
        _bumpOffset += size;
        return handle;
    }

    private int NewSlab(int size)
    {
        var index = _slabs.Count;
        if (index > int.MaxValue >> (SlabShift - UnitShift))
        {
            throw new InvalidOperationException($"the arena is full at {Capacity:N0} bytes in {index:N0} slabs");
        }

        _slabs.Add((NativeBlocks.Allocate(size), size));
        Capacity += size;
        return index << (SlabShift - UnitShift);
    }

    // A block larger than a slab is the only one in its own slab, at offset 0, so every handle reads the same way.
    private Span<byte> Locate(int handle)
    {
        var (address, length) = _slabs[handle >> (SlabShift - UnitShift)];
        var offset = (handle & (UnitsPerSlab - 1)) << UnitShift;
        return new Span<byte>((byte*)address + offset, length - offset);
    }

    private void ReleaseSlabs()
    {
        foreach (var (address, _) in _slabs)
        {
            NativeBlocks.Free(address);
        }
    }

    // Sizes 16, 32, 48, 64, then four classes to each power of two: 80, 96, 112, 128, 160, 192, 224, 256, 320, ...
    private static int ClassOf(int size)
    {
        if (size <= 4 * Unit)
        {
            return (size - 1) >> UnitShift;
        }

        var log = BitOperations.Log2((uint)(size - 1));
        var step = 1 << (log - 2);
        return 4 + ((log - 6) * ClassesPerDoubling) + ((size - 1 - (1 << log)) / step);
    }

    private static int SizeOf(int sizeClass)
    {
        if (sizeClass < 4)
        {
            return (sizeClass + 1) * Unit;
        }

        var (doubling, quarter) = Math.DivRem(sizeClass - 4, ClassesPerDoubling);
        var basis = 1 << (doubling + 6);
        return basis + ((quarter + 1) * (basis / 4));
    }
}
