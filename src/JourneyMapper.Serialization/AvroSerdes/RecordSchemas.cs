using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>
/// The records' Avro schemas, read from the schemas/*.avsc files embedded in this assembly, so the files in
/// schemas/ stay the only copy of the schema text.
/// </summary>
public static class RecordSchemas
{
    private const string ResourcePrefix = "JourneyMapper.Schemas.";

    public static AvroSchema ClickEvent { get; } = Load("ClickEvent.avsc");

    public static AvroSchema UserProfile { get; } = Load("UserProfile.avsc");

    public static AvroSchema JourneySegment { get; } = Load("JourneySegment.avsc");

    /// <summary>The text of an embedded schema file, e.g. <c>ClickEvent.avsc</c>, exactly as it is in schemas/.</summary>
    /// <exception cref="ArgumentException">No such file was embedded.</exception>
    public static string ReadText(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        using var stream = typeof(RecordSchemas).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new ArgumentException($"No schema file '{fileName}' is embedded in {typeof(RecordSchemas).Assembly.GetName().Name}.", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static AvroSchema Load(string fileName) => AvroSchema.Parse(ReadText(fileName));
}
