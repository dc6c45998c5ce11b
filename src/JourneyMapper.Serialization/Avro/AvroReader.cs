using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Reads Avro binary encoding from a span. Every read checks bounds and throws <see cref="AvroException"/> for
/// malformed input; a length or count is checked against the bytes left before anything is allocated, and every
/// loop either consumes input or is bounded, so hostile input can neither exhaust memory nor hang the reader.
/// The primitive reads allocate nothing (except the string and byte[] they return).
/// </summary>
public ref struct AvroReader
{
    /// <summary>Records nested deeper than this (only recursive schemas can) are rejected rather than risk the stack.</summary>
    public const int DefaultMaxDepth = 1000;

    /// <summary>
    /// Items that take no bytes (null, records of nulls) cannot be bounded by the input length, so a reader accepts
    /// at most this many of them in total: a few bytes claiming more could otherwise make the caller allocate
    /// megabytes. Real data has next to no arrays of such items.
    /// </summary>
    public const long DefaultMaxZeroSizeItems = 1 << 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;
    private long _zeroSizeItemBudget;

    public AvroReader(ReadOnlySpan<byte> data)
        : this(data, DefaultMaxDepth, DefaultMaxZeroSizeItems)
    {
    }

    public AvroReader(ReadOnlySpan<byte> data, int maxDepth, long maxZeroSizeItems)
    {
        _data = data;
        _maxDepth = maxDepth;
        _zeroSizeItemBudget = maxZeroSizeItems;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position >= _data.Length;

    public bool ReadBoolean()
    {
        int position = _position;
        if ((uint)position >= (uint)_data.Length)
        {
            AvroReaderErrors.Truncated("boolean");
        }

        byte value = _data[position];
        if (value > 1)
        {
            AvroReaderErrors.InvalidBoolean(value);
        }

        _position = position + 1;
        return value != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt()
    {
        int position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            uint b = _data[position];
            if (b < 0x80)
            {
                _position = position + 1;
                return (int)(b >> 1) ^ -(int)(b & 1);
            }
        }

        return ReadIntSlow();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        int position = _position;
        if ((uint)position < (uint)_data.Length)
        {
            ulong b = _data[position];
            if (b < 0x80)
            {
                _position = position + 1;
                return (long)(b >> 1) ^ -(long)(b & 1);
            }
        }

        return ReadLongSlow();
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "float"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "double"));

    /// <summary>A bytes value copied into a new array.</summary>
    public byte[] ReadBytes()
    {
        var span = ReadBytesSpan();
        return span.IsEmpty ? [] : span.ToArray();
    }

    /// <summary>A bytes value as a slice of the input (no copy; valid as long as the input is).</summary>
    public ReadOnlySpan<byte> ReadBytesSpan() => Take(ReadLength("bytes"), "bytes");

    /// <summary>A string value; bytes that are not valid UTF-8 are malformed input.</summary>
    public string ReadString() => ReadString(pool: null);

    /// <summary>
    /// A string value of a field with few distinct values, as the instance <paramref name="pool"/> holds for it where it
    /// is short ASCII (see <see cref="StringPool"/>).
    /// </summary>
    public string ReadString(StringPool? pool)
    {
        var utf8 = ReadStringUtf8();
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        // Most strings in event data are ASCII, where widening bytes to chars is all decoding takes and is about
        // twice as fast as the general UTF-8 path.
        if (Ascii.IsValid(utf8))
        {
            return pool is null ? Encoding.Latin1.GetString(utf8) : pool.GetOrAdd(utf8);
        }

        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new AvroException("string is not valid UTF-8", e);
        }
    }

    /// <summary>A string value's UTF-8 bytes as a slice of the input, not validated (callers that keep it should).</summary>
    public ReadOnlySpan<byte> ReadStringUtf8() => Take(ReadLength("string"), "string");

    public ReadOnlySpan<byte> ReadFixed(int size) => Take(size, "fixed");

    /// <summary>An enum's symbol position, checked against the number of symbols.</summary>
    public int ReadEnumIndex(int symbolCount)
    {
        int index = ReadInt();
        if ((uint)index >= (uint)symbolCount)
        {
            AvroReaderErrors.IndexOutOfRange("enum symbol", index, symbolCount);
        }

        return index;
    }

    /// <summary>A union's branch position, checked against the number of branches.</summary>
    public int ReadUnionIndex(int branchCount)
    {
        int index = ReadInt();
        if ((uint)index >= (uint)branchCount)
        {
            AvroReaderErrors.IndexOutOfRange("union branch", index, branchCount);
        }

        return index;
    }

    /// <summary>
    /// Reads an array or map block header and returns the number of items in the block, 0 at the end of the
    /// collection. <paramref name="minItemBytes"/> is the fewest bytes one item can take under the writer's schema
    /// (1 or more for anything but null and empty records): a count that cannot fit in the remaining input is
    /// rejected here, before the caller sizes a collection by it. When the block carries its byte size (a negative
    /// count), <paramref name="blockEnd"/> is where the block must end; otherwise -1.
    /// </summary>
    public int ReadBlockCount(int minItemBytes, out int blockEnd)
    {
        long count = ReadLong();
        blockEnd = -1;
        if (count == 0)
        {
            return 0;
        }

        long available = Remaining;
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                AvroReaderErrors.BadBlockCount(count);
            }

            count = -count;
            long size = ReadLong();
            if (size < 0 || size > Remaining)
            {
                AvroReaderErrors.BadBlockSize(size, Remaining);
            }

            available = size;
            blockEnd = _position + (int)size;
        }

        ChargeItems(count, minItemBytes, available);
        return (int)count;
    }

    public int ReadBlockCount(int minItemBytes) => ReadBlockCount(minItemBytes, out _);

    /// <summary>
    /// For skipping a collection: skips whole any blocks that carry their byte size and returns the number of items
    /// in the next block that must be skipped one by one, 0 at the end of the collection.
    /// </summary>
    public int ReadBlockCountForSkip(int minItemBytes)
    {
        while (true)
        {
            long count = ReadLong();
            if (count == 0)
            {
                return 0;
            }

            if (count > 0)
            {
                ChargeItems(count, minItemBytes, Remaining);
                return (int)count;
            }

            if (count == long.MinValue)
            {
                AvroReaderErrors.BadBlockCount(count);
            }

            // Each pass consumes the two header varints at least, so this loop ends with the input.
            long size = ReadLong();
            if (size < 0 || size > Remaining)
            {
                AvroReaderErrors.BadBlockSize(size, Remaining);
            }

            if (minItemBytes > 0 && -count > size / minItemBytes)
            {
                AvroReaderErrors.TooManyItems(-count, size);
            }

            _position += (int)size;
        }
    }

    /// <summary>Checks that a block that declared its byte size ended exactly there.</summary>
    public readonly void CheckBlockEnd(int blockEnd)
    {
        if (blockEnd >= 0 && blockEnd != _position)
        {
            AvroReaderErrors.BlockSizeMismatch(blockEnd, _position);
        }
    }

    public void SkipBoolean() => ReadBoolean();

    public void SkipInt() => ReadInt();

    public void SkipLong() => ReadLong();

    public void SkipFloat() => Take(4, "float");

    public void SkipDouble() => Take(8, "double");

    public void SkipBytes() => Take(ReadLength("bytes"), "bytes");

    public void SkipString() => Take(ReadLength("string"), "string");

    public void SkipFixed(int size) => Take(size, "fixed");

    /// <summary>
    /// Marks entry into a nested record. Only recursive schemas nest without bound, and each level costs stack,
    /// so depth is capped and the stack checked before it could overflow (which would end the process).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnterNested()
    {
        int depth = ++_depth;
        if (depth > 16)
        {
            CheckDeepNesting(depth);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitNested() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count, string what)
    {
        int position = _position;
        if ((uint)count > (uint)(_data.Length - position))
        {
            AvroReaderErrors.Truncated(what, count, _data.Length - position);
        }

        _position = position + count;
        return _data.Slice(position, count);
    }

    private int ReadLength(string what)
    {
        long length = ReadLong();
        if ((ulong)length > (ulong)Remaining)
        {
            AvroReaderErrors.BadLength(what, length, Remaining);
        }

        return (int)length;
    }

    private void ChargeItems(long count, int minItemBytes, long available)
    {
        if (minItemBytes > 0)
        {
            if (count > available / minItemBytes)
            {
                AvroReaderErrors.TooManyItems(count, available);
            }
        }
        else
        {
            if (count > int.MaxValue)
            {
                AvroReaderErrors.TooManyZeroSizeItems();
            }

            _zeroSizeItemBudget -= count;
            if (_zeroSizeItemBudget < 0)
            {
                AvroReaderErrors.TooManyZeroSizeItems();
            }
        }
    }

    private readonly void CheckDeepNesting(int depth)
    {
        if (depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            AvroReaderErrors.TooDeep(depth);
        }
    }

    private int ReadIntSlow()
    {
        uint result = 0;
        int position = _position;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if ((uint)position >= (uint)_data.Length)
            {
                AvroReaderErrors.Truncated("int");
            }

            uint b = _data[position++];

            // The fifth byte holds the top four bits of 32; anything more is not an int.
            if (shift == 28 && b > 0x0F)
            {
                AvroReaderErrors.VarintTooLong("int");
            }

            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                _position = position;
                return (int)(result >> 1) ^ -(int)(result & 1);
            }
        }

        AvroReaderErrors.VarintTooLong("int");
        return 0;
    }

    private long ReadLongSlow()
    {
        ulong result = 0;
        int position = _position;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if ((uint)position >= (uint)_data.Length)
            {
                AvroReaderErrors.Truncated("long");
            }

            ulong b = _data[position++];

            // The tenth byte holds the top bit of 64; anything more is not a long.
            if (shift == 63 && b > 0x01)
            {
                AvroReaderErrors.VarintTooLong("long");
            }

            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                _position = position;
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
        }

        AvroReaderErrors.VarintTooLong("long");
        return 0;
    }
}
