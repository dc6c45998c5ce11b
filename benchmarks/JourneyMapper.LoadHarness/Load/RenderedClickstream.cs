using System.Buffers.Binary;
using System.Text;
using JourneyMapper.Tools.Generator;

namespace JourneyMapper.LoadHarness.Load;

/// <summary>
/// Generated records kept as encoded bytes, for a paced run to send without generating them in its window: the
/// generator stands in for producers on other machines, and on a shared 2-core machine making each record (funnels,
/// event-time order, Avro) took about half a core that the system under test would otherwise get. Records lie back to
/// back in large arrays, which the collector never has to trace: a defect byte, then key and value, each after its length.
/// </summary>
public sealed class RenderedClickstream
{
    private const int ChunkBytes = 64 << 20;
    private const int LengthBytes = sizeof(int);

    // Marks where a chunk's records stop short of its end, because the next record did not fit.
    private const byte EndOfChunk = byte.MaxValue;

    private readonly List<byte[]> _chunks = [];
    private readonly int _chunkBytes;
    private int _lastChunkUsed;

    private RenderedClickstream(int chunkBytes)
    {
        _chunkBytes = chunkBytes;
    }

    /// <summary>How many records it holds.</summary>
    public long Count { get; private set; }

    /// <summary>The bytes its records take.</summary>
    public long Bytes { get; private set; }

    /// <summary>Takes the first <paramref name="count"/> records of <paramref name="records"/> (fewer where it ends sooner).</summary>
    public static RenderedClickstream Render(IEnumerable<RawClickRecord> records, long count) => Render(records, count, ChunkBytes);

    /// <param name="chunkBytes">How large the arrays are that hold the records (a record larger than this gets one its size).</param>
    internal static RenderedClickstream Render(IEnumerable<RawClickRecord> records, long count, int chunkBytes)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkBytes);
        var rendered = new RenderedClickstream(chunkBytes);
        using var source = records.GetEnumerator();
        while (rendered.Count < count && source.MoveNext())
        {
            rendered.Append(source.Current);
        }

        return rendered;
    }

    /// <summary>The records in the order they were rendered, each as new objects: the producer may hold them until delivered.</summary>
    public IEnumerable<RawClickRecord> Records()
    {
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            var bytes = _chunks[chunk];
            var end = chunk == _chunks.Count - 1 ? _lastChunkUsed : bytes.Length;
            var position = 0;
            while (position < end && bytes[position] != EndOfChunk)
            {
                var defect = (RecordDefect)bytes[position++];
                var key = Encoding.UTF8.GetString(Field(bytes, ref position));
                var value = Field(bytes, ref position).ToArray();
                yield return new RawClickRecord(key, value, defect);
            }
        }
    }

    private static ReadOnlySpan<byte> Field(byte[] bytes, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position));
        var field = bytes.AsSpan(position + LengthBytes, length);
        position += LengthBytes + length;
        return field;
    }

    private void Append(RawClickRecord record)
    {
        var keyLength = Encoding.UTF8.GetByteCount(record.Key);
        var size = 1 + LengthBytes + keyLength + LengthBytes + record.Value.Length;
        if (_chunks.Count == 0 || _lastChunkUsed + size > _chunks[^1].Length)
        {
            if (_chunks.Count > 0 && _lastChunkUsed < _chunks[^1].Length)
            {
                _chunks[^1][_lastChunkUsed] = EndOfChunk;
            }

            _chunks.Add(GC.AllocateUninitializedArray<byte>(Math.Max(_chunkBytes, size)));
            _lastChunkUsed = 0;
        }

        var span = _chunks[^1].AsSpan(_lastChunkUsed, size);
        span[0] = (byte)record.Defect;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], keyLength);
        Encoding.UTF8.GetBytes(record.Key, span[(1 + LengthBytes)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(1 + LengthBytes + keyLength)..], record.Value.Length);
        record.Value.CopyTo(span[(1 + LengthBytes + keyLength + LengthBytes)..]);
        _lastChunkUsed += size;
        Count++;
        Bytes += size;
    }
}
