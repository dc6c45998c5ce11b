using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.SerDes;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// The changelog form of an open session: a private, versioned binary layout (not a user-facing contract), written
/// once per commit for the sessions that changed and read back on restore. Written without a <see cref="BinaryWriter"/>
/// (see <see cref="StateWriter"/>) but byte for byte as one writes it, which is what <see cref="Deserialize"/> reads.
/// </summary>
public sealed class JourneySessionSerde : IPrefixSerializer<JourneySession>, IDeserializer<JourneySession>
{
    private const byte Version = 1;

    public static Serde<JourneySession> Instance { get; } = new(new JourneySessionSerde(), new JourneySessionSerde());

    public byte[] Serialize(JourneySession data, SerializationContext context) => Serialize(data, 0, context);

    public byte[] Serialize(JourneySession data, int prefixLength, SerializationContext context)
    {
        var writer = new StateWriter();
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

        writer.Write7BitEncodedInt(data.ProductViews.Count);
        foreach (var (product, count) in data.ProductViews.Items)
        {
            writer.Write(product);
            writer.Write7BitEncodedInt(count);
        }

        writer.Write7BitEncodedInt(data.PageHits.Count);
        foreach (var (page, count) in data.PageHits.Items)
        {
            writer.Write(page);
            writer.Write7BitEncodedInt(count);
        }

        writer.Write7BitEncodedInt(data.EntryCount);
        foreach (var entry in data.Entries)
        {
            writer.Write(entry.Timestamp);
            writer.Write(entry.EventId);
            writer.Write(entry.EventType);
        }

        WriteNullable(ref writer, data.AnnouncedPrimary);
        writer.Write7BitEncodedInt(data.Revision);
        return writer.ToArray(prefixLength);
    }

    public JourneySession Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"journey session state version {version} is not known to this build (it reads {Version})");
        }

        var session = new JourneySession
        {
            UserId = ReadNullable(reader),
            AnonymousId = ReadNullable(reader),
            Start = reader.ReadInt64(),
            End = reader.ReadInt64(),
            EventCount = reader.Read7BitEncodedInt(),
        };

        var typeCount = reader.Read7BitEncodedInt();
        if (typeCount != session.TypeCounts.Length)
        {
            throw new InvalidDataException($"journey session state counts {typeCount} event types; this build counts {session.TypeCounts.Length} (a layout change needs a new version)");
        }

        for (var i = 0; i < typeCount; i++)
        {
            session.TypeCounts[i] = reader.Read7BitEncodedInt();
        }

        ReadCounter(reader, session.OtherTypes, static r => r.ReadString());
        ReadCounter(reader, session.ProductViews, static r => r.ReadString());
        ReadCounter(reader, session.PageHits, static r => r.ReadInt64());
        var entries = reader.Read7BitEncodedInt();
        for (var i = 0; i < entries; i++)
        {
            var timestamp = reader.ReadInt64();
            var eventId = reader.ReadString();
            var eventType = reader.ReadString();
            var index = EventTypes.IndexOf(eventType);
            session.Restore(new SessionEntry(timestamp, eventId, index < 0 ? eventType : EventTypes.Canonical[index]));
        }

        session.AnnouncedPrimary = ReadNullable(reader);
        session.Revision = reader.Read7BitEncodedInt();
        return session;
    }

    private static void ReadCounter<TKey>(BinaryReader reader, SmallCounter<TKey> counter, Func<BinaryReader, TKey> readKey)
        where TKey : notnull
    {
        var count = reader.Read7BitEncodedInt();
        for (var i = 0; i < count; i++)
        {
            var key = readKey(reader);
            counter.Add(key, reader.Read7BitEncodedInt());
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

    private static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
