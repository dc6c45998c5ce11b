using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>The Avro serdes of the records over a schema registry, ready to hand to a topology.</summary>
public static class AvroRecordSerdes
{
    public static AvroSerde<ClickEvent> ClickEvent(ISchemaRegistryClient registry, AvroSerdeOptions? options = null) =>
        new(registry, ClickEventAvroCodec.Instance, options);

    public static AvroSerde<UserProfile> UserProfile(ISchemaRegistryClient registry, AvroSerdeOptions? options = null) =>
        new(registry, UserProfileAvroCodec.Instance, options);

    public static AvroSerde<JourneySegment> JourneySegment(ISchemaRegistryClient registry, AvroSerdeOptions? options = null) =>
        new(registry, JourneySegmentAvroCodec.Instance, options);
}
