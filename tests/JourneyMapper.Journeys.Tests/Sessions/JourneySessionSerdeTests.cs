using System.Buffers;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Sessions;

/// <summary>The changelog layout changed from text (version 1) to the session's compact form (version 2); both restore.</summary>
public sealed class JourneySessionSerdeTests
{
    private static readonly ClickEvent[] Events =
    [
        new() { EventId = "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11", EventType = "product_view", UserId = "u-1", ProductId = "sku-1", PageUrl = "/p/sku-1" },
        new() { EventId = "e-00002", EventType = "video_play", UserId = "u-1", PageUrl = "/p/sku-1" },
        new() { EventId = "0b000000-0000-0000-0000-000000000000", EventType = "add_to_cart", UserId = "u-1", ProductId = "sku-2" },
        new() { EventId = "E-00004", EventType = "product_view", UserId = "u-1", ProductId = "sku-1", PageUrl = "/p/sku-1" },
    ];

    [Fact]
    public void ASessionRoundTripsThroughTheCompactLayout()
    {
        var session = Session();
        var bytes = JourneySessionSerde.Instance.Serializer.Serialize(session, SerializationContext.Empty);
        var copy = JourneySessionSerde.Instance.Deserializer.Deserialize(bytes, isNull: false, SerializationContext.Empty);

        Assert.Equal(2, bytes[0]);
        Assert.Equal(bytes, JourneySessionSerde.Instance.Serializer.Serialize(copy, SerializationContext.Empty));
        Assert.Equal(session.Entries, copy.Entries);
    }

    [Fact]
    public void WrittenIntoABufferASessionIsTheSameBytesAfterWhatTheBufferHeld()
    {
        var session = Session();
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix"u8);

        new JourneySessionSerde().Serialize(session, output, SerializationContext.Empty);

        Assert.Equal([.. "prefix"u8, .. JourneySessionSerde.Instance.Serializer.Serialize(session, SerializationContext.Empty)], output.WrittenSpan.ToArray());
    }

    /// <summary>A decoded session has room for the event it is usually decoded to take: adding it grows nothing.</summary>
    [Fact]
    public void ADecodedSessionTakesOneMoreEventWithoutGrowing()
    {
        var bytes = JourneySessionSerde.Instance.Serializer.Serialize(Session(), SerializationContext.Empty);

        // A new product on a new page, so that every array takes one more.
        var next = Events[0] with { EventId = "9d2f3a4e-1b6c-4d8e-a7f0-3c5b2e1d0f9a", ProductId = "sku-new", PageUrl = "/p/sku-new" };
        JourneySessionSerde.Instance.Deserializer.Deserialize(bytes, isNull: false, SerializationContext.Empty).Add(next, 9_000, cap: 50); // compiles Add
        var decoded = JourneySessionSerde.Instance.Deserializer.Deserialize(bytes, isNull: false, SerializationContext.Empty);

        var before = GC.GetAllocatedBytesForCurrentThread();
        decoded.Add(next, 9_000, cap: 50);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// A session released after its put is decoded into by the next read on the thread, and keeps nothing of what it
    /// held: counts, products, pages, other types, text ids, the announced segment and the revision all come from the
    /// bytes read. A read with none released makes a new session.
    /// </summary>
    [Fact]
    public void AReleasedSessionIsDecodedIntoAndKeepsNothingOfWhatItHeld()
    {
        var serde = JourneySessionSerde.Instance;
        var large = Session();
        large.AnnouncedPrimary = "window-shopper";
        large.Revision = 3;
        var small = new JourneySession();
        small.Add(new ClickEvent { EventId = "1d2f3a4e-1b6c-4d8e-a7f0-3c5b2e1d0f9a", EventType = "search", AnonymousId = "a-9" }, 5_000, cap: 50);
        var smallBytes = serde.Serializer.Serialize(small, SerializationContext.Empty);

        var released = serde.Deserializer.Deserialize(serde.Serializer.Serialize(large, SerializationContext.Empty), isNull: false, SerializationContext.Empty);
        JourneySessionSerde.Release(released);
        var reused = serde.Deserializer.Deserialize(smallBytes, isNull: false, SerializationContext.Empty);
        var fresh = serde.Deserializer.Deserialize(smallBytes, isNull: false, SerializationContext.Empty);

        Assert.Same(released, reused);
        Assert.NotSame(reused, fresh);
        Assert.Equal(smallBytes, serde.Serializer.Serialize(reused, SerializationContext.Empty));
        Assert.Equal(small.Entries, reused.Entries);
        Assert.Equal((null, "a-9", 1, 0, null), (reused.UserId, reused.AnonymousId, reused.EventCount, reused.Revision, reused.AnnouncedPrimary));
    }

    /// <summary>A customer's first event starts from the session last put back, emptied: the same object, nothing of its past.</summary>
    [Fact]
    public void ANewSessionIsTheReleasedOneEmptied()
    {
        var released = Session();
        JourneySessionSerde.Release(released);

        var fresh = JourneySessionSerde.NewSession();

        Assert.Same(released, fresh);
        Assert.NotSame(fresh, JourneySessionSerde.NewSession());
        Assert.Equal(
            JourneySessionSerde.Instance.Serializer.Serialize(new JourneySession(), SerializationContext.Empty),
            JourneySessionSerde.Instance.Serializer.Serialize(fresh, SerializationContext.Empty));
        Assert.Empty(fresh.Entries);
    }

    /// <summary>The restore's check reads what a decode reads and rejects what a decode rejects.</summary>
    [Fact]
    public void TheCheckPassesASessionAndRejectsBytesCutShort()
    {
        var serde = new JourneySessionSerde();
        var bytes = JourneySessionSerde.Instance.Serializer.Serialize(Session(), SerializationContext.Empty);

        serde.Check(bytes, SerializationContext.Empty);
        serde.Check(bytes, SerializationContext.Empty);

        Assert.Throws<EndOfStreamException>(() => serde.Check(bytes.AsSpan(0, bytes.Length - 3), SerializationContext.Empty));
        Assert.Throws<InvalidDataException>(() => serde.Check([9, .. bytes.AsSpan(1)], SerializationContext.Empty));

        // A string's bytes are never rejected, so the check skips making them; a string cut short still fails it.
        Assert.Throws<EndOfStreamException>(() => serde.Check(bytes.AsSpan(0, 4), SerializationContext.Empty));
    }

    /// <summary>
    /// The check walks every field a decode reads without keeping them, so the two must fail alike: both layouts, cut
    /// at every byte, fail the check exactly where they fail the decode, with the same exception.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TheCheckFailsWhereTheDecodeFailsAtEveryCut(int version)
    {
        var serde = new JourneySessionSerde();
        var bytes = version == 1 ? Version1(Session()) : JourneySessionSerde.Instance.Serializer.Serialize(Session(), SerializationContext.Empty);

        for (var length = 0; length <= bytes.Length; length++)
        {
            var cut = bytes[..length];
            var decodeFailure = Record.Exception(() => serde.Deserialize(cut, isNull: false, SerializationContext.Empty));
            var checkFailure = Record.Exception(() => serde.Check(cut, SerializationContext.Empty));

            Assert.Equal((length, decodeFailure?.GetType()), (length, checkFailure?.GetType()));
            Assert.Equal(length == bytes.Length, checkFailure is null);
        }
    }

    /// <summary>The check leaves its session, strings unmade, to the next decode on the thread: that decode makes them.</summary>
    [Fact]
    public void ADecodeAfterACheckHasEveryString()
    {
        var serde = new JourneySessionSerde();
        var session = Session();
        var bytes = JourneySessionSerde.Instance.Serializer.Serialize(session, SerializationContext.Empty);

        serde.Check(bytes, SerializationContext.Empty);
        var decoded = serde.Deserialize(bytes, isNull: false, SerializationContext.Empty);

        Assert.Equal(bytes, serde.Serialize(decoded, SerializationContext.Empty));
        Assert.Equal((session.UserId, session.AnonymousId, session.AnnouncedPrimary), (decoded.UserId, decoded.AnonymousId, decoded.AnnouncedPrimary));
        Assert.Equal(session.Entries, decoded.Entries);
    }

    [Fact]
    public void AVersion1ChangelogRestoresAsTheSessionItRecorded()
    {
        var session = Session();
        var restored = JourneySessionSerde.Instance.Deserializer.Deserialize(Version1(session), isNull: false, SerializationContext.Empty);

        Assert.Equal(
            JourneySessionSerde.Instance.Serializer.Serialize(session, SerializationContext.Empty),
            JourneySessionSerde.Instance.Serializer.Serialize(restored, SerializationContext.Empty));
        Assert.Equal(session.Entries, restored.Entries);
    }

    [Fact]
    public void ACountTheRecordCannotHoldIsCorruptStateNotAnArrayToAllocate()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)2);
            writer.Write(false); // no user id
            writer.Write(false); // no anonymous id
            writer.Write(1_000L);
            writer.Write(2_000L);
            writer.Write7BitEncodedInt(1);
            var types = new JourneySession().TypeCounts.Length;
            writer.Write7BitEncodedInt(types);
            for (var i = 0; i < types; i++)
            {
                writer.Write7BitEncodedInt(0);
            }

            writer.Write7BitEncodedInt(0); // other types
            writer.Write7BitEncodedInt(0); // products
            writer.Write7BitEncodedInt(0); // pages
            writer.Write7BitEncodedInt(1_000_000); // entries, with 3 bytes left
            writer.Write(new byte[3]);
        }

        var error = Assert.Throws<InvalidDataException>(() =>
            JourneySessionSerde.Instance.Deserializer.Deserialize(stream.ToArray(), isNull: false, SerializationContext.Empty));
        Assert.Equal("journey session state counts 1000000 items with 3 bytes left", error.Message);
    }

    [Theory]
    [InlineData("user-000042", "anon-7")]
    [InlineData(null, "0b000000-0000-0000-0000-0000000000aa")]
    public void AnIdThatIsTheExpectedCustomerIsDecodedAsThatVeryString(string? userId, string anonymousId)
    {
        var session = new JourneySession();
        session.Add(new ClickEvent { EventId = "e-1", EventType = "page_view", UserId = userId, AnonymousId = anonymousId }, 1_000, 50);
        var bytes = JourneySessionSerde.Instance.Serializer.Serialize(session, SerializationContext.Empty);
        var customer = new string((userId ?? anonymousId).AsSpan()); // equal to the id, but not the same instance

        JourneySessionSerde.ExpectCustomer(customer);
        var decoded = Decode(bytes);
        Assert.Same(customer, userId is null ? decoded.AnonymousId : decoded.UserId);
        Assert.Equal((userId, anonymousId), (decoded.UserId, decoded.AnonymousId));

        // Another customer's key is only a hint that does not fit: the ids are read as they are.
        JourneySessionSerde.ExpectCustomer("user-000043");
        var other = Decode(bytes);
        Assert.Equal((userId, anonymousId), (other.UserId, other.AnonymousId));
        Assert.NotSame(customer, other.UserId ?? other.AnonymousId);
    }

    [Fact]
    public void ANonAsciiIdIsReadAsItIsWhateverTheHint()
    {
        var session = new JourneySession();
        session.Add(new ClickEvent { EventId = "e-1", EventType = "page_view", UserId = "usér-1" }, 1_000, 50);
        var bytes = JourneySessionSerde.Instance.Serializer.Serialize(session, SerializationContext.Empty);

        JourneySessionSerde.ExpectCustomer("usér-1");

        Assert.Equal("usér-1", Decode(bytes).UserId);
    }

    private static JourneySession Decode(byte[] bytes) => JourneySessionSerde.Instance.Deserializer.Deserialize(bytes, isNull: false, SerializationContext.Empty);

    private static JourneySession Session()
    {
        var session = new JourneySession();
        for (var i = 0; i < Events.Length; i++)
        {
            session.Add(Events[i], 1_000 * (Events.Length - i), 50);
        }

        session.AnnouncedPrimary = "window-shopper";
        session.Revision = 2;
        return session;
    }

    // The layout version 1 wrote: products and entries as text, by BinaryWriter.
    private static byte[] Version1(JourneySession session)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write((byte)1);
        WriteNullable(writer, session.UserId);
        WriteNullable(writer, session.AnonymousId);
        writer.Write(session.Start);
        writer.Write(session.End);
        writer.Write7BitEncodedInt(session.EventCount);
        writer.Write7BitEncodedInt(session.TypeCounts.Length);
        foreach (var count in session.TypeCounts)
        {
            writer.Write7BitEncodedInt(count);
        }

        writer.Write7BitEncodedInt(1);
        writer.Write("video_play");
        writer.Write7BitEncodedInt(1);
        writer.Write7BitEncodedInt(2);
        writer.Write("sku-1");
        writer.Write7BitEncodedInt(2);
        writer.Write("sku-2");
        writer.Write7BitEncodedInt(0);
        writer.Write7BitEncodedInt(session.PageHits.Count);
        foreach (var (page, count) in session.PageHits.Items)
        {
            writer.Write(page);
            writer.Write7BitEncodedInt(count);
        }

        writer.Write7BitEncodedInt(session.Entries.Count);
        foreach (var entry in session.Entries)
        {
            writer.Write(entry.Timestamp);
            writer.Write(entry.EventId);
            writer.Write(entry.EventType);
        }

        WriteNullable(writer, session.AnnouncedPrimary);
        writer.Write7BitEncodedInt(session.Revision);
        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }
}
