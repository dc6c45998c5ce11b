namespace JourneyMapper.Serialization.Avro;

/// <summary>How a field takes part in Avro's sort order.</summary>
public enum FieldOrder
{
    Ascending,
    Descending,
    Ignore,
}
