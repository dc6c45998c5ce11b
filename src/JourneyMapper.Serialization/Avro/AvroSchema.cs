using System.Text;
using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// An Avro schema. Instances are immutable once parsed, so they can be shared across threads and used as
/// cache keys for the compiled readers and writers.
/// </summary>
public abstract class AvroSchema
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoProperties = new Dictionary<string, JsonElement>();

    private string? _canonicalForm;
    private long _fingerprint;
    private bool _hasFingerprint;

    private protected AvroSchema(AvroType type, LogicalType? logicalType, IReadOnlyDictionary<string, JsonElement>? properties)
    {
        Type = type;
        LogicalType = logicalType;
        Properties = properties is { Count: > 0 } ? properties : NoProperties;
    }

    public AvroType Type { get; }

    /// <summary>The recognised, valid logical type, or null (unknown and invalid ones stay in <see cref="Properties"/>).</summary>
    public LogicalType? LogicalType { get; }

    /// <summary>Attributes the specification does not define (metadata), kept for <see cref="ToJson()"/>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>Parses a schema; named types it defines are resolvable only within it.</summary>
    public static AvroSchema Parse(string json) => SchemaParser.Parse(json, new SchemaNames(), validateDefaults: true);

    /// <summary>
    /// Parses a schema that may refer to named types already in <paramref name="names"/> (schema references),
    /// and adds the named types it defines to <paramref name="names"/>.
    /// </summary>
    public static AvroSchema Parse(string json, SchemaNames names) => Parse(json, names, validateDefaults: true);

    /// <summary>
    /// As <see cref="Parse(string, SchemaNames)"/>; with <paramref name="validateDefaults"/> false, a field default
    /// that does not fit its type is accepted here and reported only when a reader needs it.
    /// </summary>
    public static AvroSchema Parse(string json, SchemaNames? names, bool validateDefaults)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SchemaParser.Parse(json, names ?? new SchemaNames(), validateDefaults);
    }

    /// <summary>The Parsing Canonical Form of the specification (what decides whether two schemas read alike).</summary>
    public string ToCanonicalForm() => _canonicalForm ??= CanonicalFormWriter.Write(this);

    /// <summary>The CRC-64-AVRO (Rabin) fingerprint of the UTF-8 Parsing Canonical Form, as Java's <c>long</c>.</summary>
    public long Fingerprint64()
    {
        if (!Volatile.Read(ref _hasFingerprint))
        {
            _fingerprint = Crc64Avro.Compute(Encoding.UTF8.GetBytes(ToCanonicalForm()));
            Volatile.Write(ref _hasFingerprint, true);
        }

        return _fingerprint;
    }

    /// <summary>The full schema as JSON, docs, aliases, defaults and metadata included.</summary>
    public string ToJson() => SchemaJsonWriter.Write(this, indented: false);

    public string ToJson(bool indented) => SchemaJsonWriter.Write(this, indented);

    public override string ToString() => ToJson();
}
