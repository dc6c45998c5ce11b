namespace JourneyMapper.Serialization.Avro;

/// <summary>A writer's union: the branch index picks the plan resolved for that branch (which may be an error).</summary>
internal sealed class WriterUnionDecoder(DatumDecoder[] branches) : DatumDecoder
{
    public override bool AlwaysFails => Array.TrueForAll(branches, branch => branch.AlwaysFails);

    public override string? FailureMessage => branches.Length == 0
        ? "The writer's union is empty"
        : branches[0].FailureMessage;

    public override object? Read(ref AvroReader reader) =>
        branches[reader.ReadUnionIndex(branches.Length)].Read(ref reader);
}
