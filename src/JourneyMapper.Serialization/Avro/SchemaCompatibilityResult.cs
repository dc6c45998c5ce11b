namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The outcome of <see cref="SchemaCompatibility.Check"/>: compatible when nothing was found, else one line per
/// problem, each starting with the path to it in the reader's schema (field names, union branch numbers).
/// </summary>
public sealed class SchemaCompatibilityResult
{
    internal SchemaCompatibilityResult(IReadOnlyList<string> incompatibilities) => Incompatibilities = incompatibilities;

    public bool IsCompatible => Incompatibilities.Count == 0;

    public IReadOnlyList<string> Incompatibilities { get; }

    public override string ToString() => IsCompatible ? "compatible" : string.Join(Environment.NewLine, Incompatibilities);
}
