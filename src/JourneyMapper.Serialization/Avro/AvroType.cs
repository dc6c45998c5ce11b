namespace JourneyMapper.Serialization.Avro;

/// <summary>The Avro type of a schema: the eight primitives and the six complex types.</summary>
public enum AvroType
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}
