namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// One node of a compiled resolution plan: reads a value written under one schema as the generic value of
/// another. Plans are built once per (writer, reader) pair, so reading does no schema lookups.
/// </summary>
internal abstract class DatumDecoder
{
    /// <summary>True when every read fails (the schemas do not match): the parent can fail at build time instead.</summary>
    public virtual bool AlwaysFails => false;

    /// <summary>Why every read fails, when <see cref="AlwaysFails"/>.</summary>
    public virtual string? FailureMessage => null;

    public abstract object? Read(ref AvroReader reader);
}

/// <summary>A part of the writer's schema the reader's cannot take: reading it fails with the reason.</summary>
internal sealed class ErrorDecoder(string message) : DatumDecoder
{
    public override bool AlwaysFails => true;

    public override string FailureMessage => message;

    public override object? Read(ref AvroReader reader) => throw new AvroException(message);
}
