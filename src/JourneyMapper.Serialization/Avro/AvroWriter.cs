using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Writes Avro binary encoding into a growable buffer rented from the shared array pool. Reuse one writer per
/// thread with <see cref="Reset"/> and the write path allocates nothing. It is itself an
/// <see cref="IBufferWriter{T}"/>, and <see cref="WriteTo"/> copies the result into another one.
/// </summary>
public sealed class AvroWriter : IBufferWriter<byte>, IDisposable
{
    // Strings up to this many chars are encoded in one pass, reserving room for the worst case (3 bytes a char);
    // longer ones are counted first so a huge string does not reserve three times its size.
    private const int MaxSinglePassStringChars = 4096;
    private const int MaxVarintBytes = 10;
    private const int MaxDepth = 1000;

    private byte[] _buffer;
    private int _position;
    private int _depth;
    private bool _disposed;

    public AvroWriter()
        : this(256)
    {
    }

    public AvroWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    public int Length => _position;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset()
    {
        _position = 0;
        _depth = 0;
    }

    public void WriteTo(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(WrittenSpan);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _disposed = true;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

#pragma warning disable CA1822 // Kept an instance method so call sites read like the rest of the encoding.
    public void WriteNull()
#pragma warning restore CA1822
    {
    }

    public void WriteBoolean(bool value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = value ? (byte)1 : (byte)0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt(int value) => WriteVarint((uint)((value << 1) ^ (value >> 31)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteLong(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Little-endian IEEE 754; every NaN is written as Java's canonical NaN, as floatToIntBits does.</summary>
    public void WriteFloat(float value)
    {
        EnsureCapacity(4);
        int bits = float.IsNaN(value) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(value);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_position), bits);
        _position += 4;
    }

    /// <summary>Little-endian IEEE 754; every NaN is written as Java's canonical NaN, as doubleToLongBits does.</summary>
    public void WriteDouble(double value)
    {
        EnsureCapacity(8);
        long bits = double.IsNaN(value) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(value);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_position), bits);
        _position += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    /// <summary>UTF-8; unpaired surrogates become U+FFFD, as <see cref="Encoding.UTF8"/> does.</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxSinglePassStringChars)
        {
            int byteCount = Encoding.UTF8.GetByteCount(value);
            WriteLong(byteCount);
            EnsureCapacity(byteCount);
            _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
            return;
        }

        // One pass: guess the length prefix's size from the char count (exact for ASCII), encode after it, and
        // shift the bytes in the rare case non-ASCII text made the prefix longer.
        EnsureCapacity(MaxVarintBytes + (value.Length * 3));
        int guessedPrefix = VarintSize((ulong)value.Length << 1);
        int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + guessedPrefix));
        int prefix = VarintSize((ulong)written << 1);
        if (prefix != guessedPrefix)
        {
            _buffer.AsSpan(_position + guessedPrefix, written).CopyTo(_buffer.AsSpan(_position + prefix));
        }

        WriteVarint((ulong)written << 1);
        _position += written;
    }

    /// <summary>A string already encoded as UTF-8 (not re-validated).</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8) => WriteBytes(utf8);

    /// <summary>Raw bytes with no length: a fixed value (the caller ensures the schema's size).</summary>
    public void WriteFixed(ReadOnlySpan<byte> value)
    {
        EnsureCapacity(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
    }

    public void WriteEnumIndex(int index) => WriteInt(index);

    public void WriteUnionIndex(int index) => WriteInt(index);

    /// <summary>Starts a block of <paramref name="count"/> array items or map entries (count must be positive).</summary>
    public void WriteBlockCount(long count) => WriteLong(count);

    /// <summary>Ends an array or map (the zero-count block).</summary>
    public void WriteCollectionEnd()
    {
        EnsureCapacity(1);
        _buffer[_position++] = 0;
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _position += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_position);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_position);
    }

    /// <summary>Guards the encoders against cyclic or absurdly deep values, which would otherwise overflow the stack.</summary>
    internal void EnterNested()
    {
        if (++_depth > 16 && (_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            throw new AvroException($"Value nests {_depth} records deep (a cycle?), more than can be written");
        }
    }

    internal void ExitNested() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteVarint(ulong value)
    {
        EnsureCapacity(10);
        var buffer = _buffer;
        int position = _position;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        _position = position;
    }

    private static int VarintSize(ulong value) => Math.Max(1, (70 - BitOperations.LeadingZeroCount(value)) / 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureCapacity(int count)
    {
        if (_buffer.Length - _position < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long needed = (long)_position + count;
        if (needed > Array.MaxLength)
        {
            throw new AvroException($"Encoded value would exceed {Array.MaxLength} bytes");
        }

        int size = (int)Math.Min(Math.Max(needed, Math.Max(256L, (long)_buffer.Length * 2)), Array.MaxLength);
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _position).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
