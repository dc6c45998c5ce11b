namespace JourneyMapper.Worker.Configuration;

/// <summary>Section <c>JourneyMapper:Serialization</c>: how records are encoded on the topics.</summary>
public sealed class SerializationOptions
{
    public const string Section = "JourneyMapper:Serialization";

    /// <summary>
    /// <c>Avro</c> (default, as Confluent producers write it: framed with a schema id of <c>JourneyMapper:SchemaRegistry</c>)
    /// or <c>Json</c> (no registry needed).
    /// </summary>
    public SerializationFormat Format { get; set; } = SerializationFormat.Avro;
}

public enum SerializationFormat
{
    /// <summary>Avro binary in Confluent's schema-registry framing (magic byte, schema id, body).</summary>
    Avro,

    /// <summary>UTF-8 JSON, the records' JSON form of the spec.</summary>
    Json,
}
