namespace JourneyMapper.Tools.Generator;

/// <summary>A Kafka-ready record: customer id key and JSON value bytes, possibly malformed on purpose.</summary>
public sealed record RawClickRecord(string Key, byte[] Value, RecordDefect Defect)
{
    public bool IsValid => Defect == RecordDefect.None;
}
