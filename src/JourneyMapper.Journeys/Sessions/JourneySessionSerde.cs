using System.Buffers;
using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// The changelog form of an open session: a private, versioned binary layout (not a user-facing contract), written
/// once per commit for the sessions that changed and read back on restore. Numbers, counts and strings are laid out
/// as <see cref="BinaryWriter"/> writes them (written by <see cref="StateWriter"/>, read by <see cref="StateReader"/>).
/// </summary>
/// <remarks>
/// Version 2 holds a session as it is held in memory: products by hash, entries with a type byte and, for UUID event
/// ids, their 16 bytes, which halves what a commit writes. Version 1 (products and every entry's id and type as text)
/// is still read, so that a changelog written before the change restores.
/// </remarks>
public sealed class JourneySessionSerde
    : IPrefixSerializer<JourneySession>, IBufferSerializer<JourneySession>, ICheckingDeserializer<JourneySession>
{
    private const byte Version = 2;
    private const byte TextVersion = 1;
    private const byte OtherType = byte.MaxValue;
    private const byte UuidId = 0;
    private const byte TextId = 1;

    // A session its processor is done with, decoded into next on the same thread: a store holding sessions serialized
    // decodes one for every record, and its object and arrays were a quarter of what the topology allocated.
    [ThreadStatic]
    private static JourneySession? t_released;

    // The customer whose sessions the thread is about to read: a session's user or anonymous id is mostly that key, so a
    // decode takes the key's string for it instead of making one per read.
    [ThreadStatic]
    private static string? t_expectedCustomer;

    public static Serde<JourneySession> Instance { get; } = new(new JourneySessionSerde(), new JourneySessionSerde());

    /// <summary>
    /// Hands back a session that nothing refers to any more, to be decoded into by the next read on this thread. Only
    /// for a session read from a store that holds sessions serialized and written back to it, so that the store keeps
    /// its own copy; never for one forwarded downstream or held anywhere.
    /// </summary>
    internal static void Release(JourneySession session) => t_released = session;

    /// <summary>
    /// Says whose sessions the next reads on this thread are: a decoded id equal to <paramref name="customerId"/> is that
    /// very string. Only a hint: an id that differs is read as it is, so a stale hint costs nothing but the comparison.
    /// </summary>
    internal static void ExpectCustomer(string customerId) => t_expectedCustomer = customerId;

    /// <summary>
    /// An empty session for a customer's first event: the one the thread last released, where there is one, so that its
    /// arrays, grown by the sessions decoded into it, are not dropped for a new session's small ones.
    /// </summary>
    internal static JourneySession NewSession() => TakeReleased() ?? new JourneySession();

    public byte[] Serialize(JourneySession data, SerializationContext context) => Serialize(data, 0, context);

    public byte[] Serialize(JourneySession data, int prefixLength, SerializationContext context)
    {
        var writer = new StateWriter();
        Write(ref writer, data);
        return writer.ToArray(prefixLength);
    }

    public void Serialize(JourneySession data, IBufferWriter<byte> output, SerializationContext context)
    {
        var writer = new StateWriter();
        Write(ref writer, data);
        writer.CopyTo(output);
    }

    private static void Write(ref StateWriter writer, JourneySession data)
    {
        writer.Write(Version);
        WriteNullable(ref writer, data.UserId);
        WriteNullable(ref writer, data.AnonymousId);
        writer.Write(data.Start);
        writer.Write(data.End);
        writer.Write7BitEncodedInt(data.EventCount);
        writer.Write7BitEncodedInt(data.TypeCounts.Length);
        foreach (var count in data.TypeCounts)
        {
            writer.Write7BitEncodedInt(count);
        }

        writer.Write7BitEncodedInt(data.OtherTypes.Count);
        foreach (var (type, count) in data.OtherTypes.Items)
        {
            writer.Write(type);
            writer.Write7BitEncodedInt(count);
        }

        WriteHashCounts(ref writer, data.ProductViews.Items);
        WriteHashCounts(ref writer, data.PageHits.Items);
        ref var log = ref data.Log;
        writer.Write7BitEncodedInt(log.Count);
        for (var i = 0; i < log.Count; i++)
        {
            writer.Write(log.TimestampAt(i));
            var type = log.CanonicalTypeAt(i);
            writer.Write(type < 0 ? OtherType : (byte)type);
            if (type < 0)
            {
                writer.Write(log.EventTypeAt(i));
            }

            if (log.TryGetUuid(i, out var high, out var low))
            {
                writer.Write(UuidId);
                writer.Write((long)high);
                writer.Write((long)low);
            }
            else
            {
                writer.Write(TextId);
                writer.Write(log.EventIdAt(i));
            }
        }

        WriteNullable(ref writer, data.AnnouncedPrimary);
        writer.Write7BitEncodedInt(data.Revision);
    }

    /// <summary>
    /// Reads every field as a decode does, without making the strings or filling the counters and the entry log: a
    /// restore checks every record it puts in as bytes, and filling them only to drop them was a quarter of its work.
    /// </summary>
    public void Check(ReadOnlySpan<byte> data, SerializationContext context) => Release(Decode(new StateReader(data, checkOnly: true)));

    public JourneySession Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => Decode(new StateReader(data));

    private static JourneySession Decode(StateReader reader)
    {
        var version = reader.ReadByte();
        if (version is not (Version or TextVersion))
        {
            throw new InvalidDataException($"journey session state version {version} is not known to this build (it reads {TextVersion} and {Version})");
        }

        var session = TakeReleased() ?? new JourneySession();
        session.UserId = ReadIdentity(ref reader);
        session.AnonymousId = ReadIdentity(ref reader);
        session.Start = reader.ReadInt64();
        session.End = reader.ReadInt64();
        session.EventCount = reader.Read7BitEncodedInt();

        var typeCount = reader.Read7BitEncodedInt();
        if (typeCount != session.TypeCounts.Length)
        {
            throw new InvalidDataException($"journey session state counts {typeCount} event types; this build counts {session.TypeCounts.Length} (a layout change needs a new version)");
        }

        for (var i = 0; i < typeCount; i++)
        {
            session.TypeCounts[i] = reader.Read7BitEncodedInt();
        }

        // Every array is made once, with room for one more: a session is mostly decoded to take one more event (a
        // store holding it serialized decodes it for every record), which would otherwise grow each array at once.
        var filling = !reader.CheckOnly;
        var otherTypes = ReadCount(ref reader);
        if (filling)
        {
            session.OtherTypes.Reserve(otherTypes);
        }

        for (var i = otherTypes; i > 0; i--)
        {
            var (type, count) = (reader.ReadString(), reader.Read7BitEncodedInt());
            if (filling)
            {
                session.OtherTypes.Add(type, count);
            }
        }

        ReadHashCounts(ref reader, ref session.ProductViews, filling, version == TextVersion);
        ReadHashCounts(ref reader, ref session.PageHits, filling, hashesAreText: false);

        // Entries were written in order and within the cap, so each is filed after the last.
        var entries = ReadCount(ref reader);
        if (filling)
        {
            session.Log.Reserve(entries + 1);
        }

        for (var i = entries; i > 0; i--)
        {
            if (version == TextVersion)
            {
                var (timestamp, eventId, eventType) = (reader.ReadInt64(), reader.ReadString(), reader.ReadString());
                if (filling)
                {
                    session.Log.Insert(timestamp, eventId, eventType, EventTypes.IndexOf(eventType), int.MaxValue);
                }
            }
            else
            {
                ReadEntry(ref reader, ref session.Log, filling);
            }
        }

        session.AnnouncedPrimary = ReadNullable(ref reader, pooled: true);
        session.Revision = reader.Read7BitEncodedInt();
        return session;
    }

    // Counts by hash; version 1 held product ids as text, hashed here as a live session hashes them.
    private static void ReadHashCounts(ref StateReader reader, ref SmallCounter<long> counts, bool filling, bool hashesAreText)
    {
        var items = ReadCount(ref reader);
        if (filling)
        {
            counts.Reserve(items + 1);
        }

        for (var i = items; i > 0; i--)
        {
            var (hash, count) = (hashesAreText ? StableHash.Of(reader.ReadString()) : reader.ReadInt64(), reader.Read7BitEncodedInt());
            if (filling)
            {
                counts.Add(hash, count);
            }
        }
    }

    private static void ReadEntry(ref StateReader reader, ref EntryLog log, bool filling)
    {
        var timestamp = reader.ReadInt64();
        var type = reader.ReadByte();
        if (type >= EventTypes.Count && type != OtherType)
        {
            throw new InvalidDataException($"journey session state has event type {type}; this build knows {EventTypes.Count} canonical types");
        }

        var eventType = type == OtherType ? reader.ReadString() : EventTypes.Canonical[type];
        var canonicalType = type == OtherType ? -1 : type;
        switch (reader.ReadByte())
        {
            case UuidId:
                var (high, low) = ((ulong)reader.ReadInt64(), (ulong)reader.ReadInt64());
                if (filling)
                {
                    log.Insert(timestamp, high, low, eventType, canonicalType, int.MaxValue);
                }

                break;
            case TextId:
                var eventId = reader.ReadString();
                if (filling)
                {
                    log.Insert(timestamp, eventId, eventType, canonicalType, int.MaxValue);
                }

                break;
            case var form:
                throw new InvalidDataException($"journey session state has an event id of form {form}; this build knows {UuidId} (UUID) and {TextId} (text)");
        }
    }

    private static void WriteHashCounts(ref StateWriter writer, ReadOnlySpan<KeyValuePair<long, int>> counts)
    {
        writer.Write7BitEncodedInt(counts.Length);
        foreach (var (hash, count) in counts)
        {
            writer.Write(hash);
            writer.Write7BitEncodedInt(count);
        }
    }

    private static void WriteNullable(ref StateWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadIdentity(ref StateReader reader) => !reader.ReadBoolean() ? null : reader.ReadString(t_expectedCustomer);

    // A segment label, one of a handful, is taken from the pool rather than made anew for every event.
    private static string? ReadNullable(ref StateReader reader, bool pooled = false) =>
        !reader.ReadBoolean() ? null : pooled ? reader.ReadPooledString() : reader.ReadString();

    private static JourneySession? TakeReleased()
    {
        var session = t_released;
        if (session is null)
        {
            return null;
        }

        t_released = null;
        session.Clear();
        return session;
    }

    // A count sizes an array before anything is read into it. Every item takes at least a byte, so a count beyond the
    // bytes left is corrupt, not a reason to allocate.
    private static int ReadCount(ref StateReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 && count <= reader.Remaining
            ? count
            : throw new InvalidDataException($"journey session state counts {count} items with {reader.Remaining} bytes left");
    }
}
