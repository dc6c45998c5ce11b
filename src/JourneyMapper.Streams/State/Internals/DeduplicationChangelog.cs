using System.Buffers.Binary;
using System.IO.Hashing;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// The deduplication store's changelog records. A commit's new keys travel together, up to <see cref="MaxEntriesPerRecord"/>
/// per record, because one record per key would make the changelog as busy as the input itself: the producer's cost is
/// per record, not per byte. A record's key is a marker byte and the XXH3-128 of its value (unique per content, so
/// compaction never merges two batches; two identical batches say the same thing anyway); its value is a run of 24-byte
/// entries: the key hash (16 bytes, big-endian) and the timestamp it was added at (8 bytes, big-endian), or
/// <see cref="long.MinValue"/> for a key removed. Single-key records (key = the hash, value = the timestamp or a
/// tombstone) are still read, as earlier versions wrote them.
/// </summary>
internal static class DeduplicationChangelog
{
    /// <summary>192 KiB of entries: well under the brokers' default 1 MB record limit.</summary>
    public const int MaxEntriesPerRecord = 8192;

    public const int EntrySize = 24;

    /// <summary>The timestamp of a key removed.</summary>
    public const long Removed = long.MinValue;

    private const byte BatchMarker = 0x01;
    private const int BatchKeySize = 17;

    /// <summary>
    /// Writes <paramref name="changes"/> in their order as few records as the size limit allows: the timestamp of a key
    /// remembered, or <see cref="Removed"/> for one removed.
    /// </summary>
    public static void Write(ChangelogWriter changelog, ReadOnlySpan<Change> changes)
    {
        var left = changes.Length;
        var batch = Array.Empty<byte>();
        var filled = 0;
        foreach (var (keyHash, timestamp) in changes)
        {
            if (filled == batch.Length)
            {
                batch = new byte[Math.Min(left, MaxEntriesPerRecord) * EntrySize];
                filled = 0;
            }

            var entry = batch.AsSpan(filled, EntrySize);
            BinaryPrimitives.WriteUInt128BigEndian(entry, keyHash);
            BinaryPrimitives.WriteInt64BigEndian(entry[16..], timestamp);
            filled += EntrySize;
            left--;
            if (filled == batch.Length)
            {
                changelog.Write(BatchKey(batch), batch);
            }
        }
    }

    /// <summary>Applies one changelog record to <paramref name="store"/>.</summary>
    public static void Restore(IDeduplicationStore store, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
    {
        if (key.Length == BatchKeySize && key[0] == BatchMarker)
        {
            RestoreBatch(store, value, isTombstone);
            return;
        }

        var keyHash = DeduplicationKey.Decode(key);
        if (isTombstone)
        {
            store.Remove(keyHash);
            return;
        }

        store.Put(keyHash, value.Length == 8
            ? BinaryPrimitives.ReadInt64BigEndian(value)
            : throw new FormatException($"a deduplication changelog value is an 8-byte timestamp, not {value.Length} bytes"));
    }

    private static void RestoreBatch(IDeduplicationStore store, ReadOnlySpan<byte> value, bool isTombstone)
    {
        if (isTombstone)
        {
            return; // a batch is never deleted by a tombstone of ours; one from elsewhere removes nothing
        }

        if (value.Length % EntrySize != 0)
        {
            throw new FormatException($"a deduplication changelog batch holds {EntrySize}-byte entries, not {value.Length} bytes");
        }

        for (var offset = 0; offset < value.Length; offset += EntrySize)
        {
            var entry = value.Slice(offset, EntrySize);
            var keyHash = BinaryPrimitives.ReadUInt128BigEndian(entry);
            var timestamp = BinaryPrimitives.ReadInt64BigEndian(entry[16..]);
            if (timestamp == Removed)
            {
                store.Remove(keyHash);
            }
            else
            {
                store.Put(keyHash, timestamp);
            }
        }
    }

    /// <summary>A key's state after a change: the timestamp it is remembered by, or <see cref="Removed"/>.</summary>
    public readonly record struct Change(UInt128 KeyHash, long Timestamp);

    private static byte[] BatchKey(byte[] batch)
    {
        var key = new byte[BatchKeySize];
        key[0] = BatchMarker;
        BinaryPrimitives.WriteUInt128BigEndian(key.AsSpan(1), XxHash128.HashToUInt128(batch));
        return key;
    }
}
