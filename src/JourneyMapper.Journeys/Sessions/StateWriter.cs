using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// Writes exactly what <see cref="BinaryWriter"/> over UTF-8 writes (little-endian numbers, 7-bit encoded counts,
/// strings as their UTF-8 length and bytes), into a buffer the thread keeps between calls: a session written on
/// every commit then costs one array, its result, instead of a stream, a writer and their buffers.
/// </summary>
internal ref struct StateWriter
{
    // A buffer grown past this (a huge session) is let go rather than kept for the thread's life.
    private const int MaxRetainedBuffer = 1 << 16;

    // Up to this many chars a string takes at most 127 UTF-8 bytes, so its length fits the one byte reserved for it.
    private const int OneByteLengthChars = 127 / 3;

    [ThreadStatic]
    private static byte[]? t_buffer;

    private byte[] _buffer;
    private int _length;

    public StateWriter()
    {
        _buffer = t_buffer ?? new byte[1024];
        t_buffer = null; // taken: a nested writer on this thread gets a buffer of its own
    }

    public void Write(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void Write(bool value) => Write(value ? (byte)1 : (byte)0);

    public void Write(long value)
    {
        Ensure(sizeof(long));
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += sizeof(long);
    }

    public void Write7BitEncodedInt(int value)
    {
        Ensure(5);
        var rest = (uint)value;
        while (rest > 0x7F)
        {
            _buffer[_length++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        _buffer[_length++] = (byte)rest;
    }

    public void Write(string value)
    {
        if (value.Length <= OneByteLengthChars)
        {
            Ensure(1 + (value.Length * 3));
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 1));
            _buffer[_length] = (byte)written;
            _length += 1 + written;
            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        Write7BitEncodedInt(count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>What was written, behind <paramref name="prefixLength"/> zero bytes, in a new array; the writer is done.</summary>
    public byte[] ToArray(int prefixLength)
    {
        var result = new byte[prefixLength + _length];
        _buffer.AsSpan(0, _length).CopyTo(result.AsSpan(prefixLength));
        Release();
        return result;
    }

    /// <summary>Appends what was written to <paramref name="output"/>; the writer is done.</summary>
    public void CopyTo(IBufferWriter<byte> output)
    {
        output.Write(_buffer.AsSpan(0, _length));
        Release();
    }

    private readonly void Release()
    {
        if (_buffer.Length <= MaxRetainedBuffer)
        {
            t_buffer = _buffer;
        }
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
