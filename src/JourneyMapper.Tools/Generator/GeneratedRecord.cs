using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// A record of the synthetic stream before it is encoded: the event, and how the record made from it is broken
/// (<see cref="RecordDefect.None"/> for the event's own, valid record). Encoding it is up to the format:
/// <see cref="JsonClickRecords"/> here, Avro in the worker.
/// </summary>
public readonly record struct GeneratedRecord(ClickEvent Event, RecordDefect Defect)
{
    public bool IsValid => Defect == RecordDefect.None;
}
