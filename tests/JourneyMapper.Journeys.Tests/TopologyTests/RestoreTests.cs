using JourneyMapper.Journeys.Sessions;
using Confluent.Kafka;
using Xunit;

namespace JourneyMapper.Journeys.Tests.TopologyTests;

/// <summary>Open sessions survive in their changelog: the state a restarted instance reads back is the state written.</summary>
public sealed class RestoreTests
{
    [Fact]
    public void TheSessionStateSerdeRoundTripsEverythingTheSegmentNeeds()
    {
        var session = new JourneySession();
        session.Add(new() { EventId = "b", Timestamp = 2_000, EventType = "product_view", UserId = "u", ProductId = "p", PageUrl = "/p" }, 2_000, 50);
        session.Add(new() { EventId = "a", Timestamp = 1_000, EventType = "custom_thing", UserId = "u", PageUrl = "/p" }, 1_000, 50);
        session.AnnouncedPrimary = "window-shopper";
        session.Revision = 3;

        var bytes = JourneySessionSerde.Instance.Serializer.Serialize(session, SerializationContext.Empty);
        var copy = JourneySessionSerde.Instance.Deserializer.Deserialize(bytes, isNull: false, SerializationContext.Empty);

        Assert.Equal(bytes, JourneySessionSerde.Instance.Serializer.Serialize(copy, SerializationContext.Empty));
        Assert.Equal((session.UserId, session.Start, session.End, session.EventCount, session.AnnouncedPrimary, session.Revision),
            (copy.UserId, copy.Start, copy.End, copy.EventCount, copy.AnnouncedPrimary, copy.Revision));
        Assert.Equal(session.Entries.ToArray(), copy.Entries.ToArray());
    }
}
