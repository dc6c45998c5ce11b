using System.Security.Cryptography.X509Certificates;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Tools.SchemaRegistry;

public sealed record InProcessSchemaRegistryOptions
{
    /// <summary>
    /// Decides registrations and compatibility checks. The default is the text-equality placeholder; pass the Avro
    /// checker once it exists to get Confluent's evolution rules.
    /// </summary>
    public ISchemaCompatibilityChecker CompatibilityChecker { get; init; } = new TextEqualityCompatibilityChecker();

    /// <summary>
    /// Maps a schema to the text that decides its id: two schemas that normalize alike share one id across
    /// subjects, as Confluent's registry does with its canonical form. It also validates: whatever it throws for is
    /// answered with 42201 (invalid schema). The default accepts any JSON and ignores layout.
    /// </summary>
    public Func<string, string> NormalizeSchema { get; init; } = SchemaText.Normalize;

    /// <summary>The global level until a PUT /config changes it; Confluent's default is BACKWARD.</summary>
    public CompatibilityLevel DefaultCompatibility { get; init; } = CompatibilityLevel.Backward;

    /// <summary>When set (<c>user:password</c>), every request without these basic credentials gets 401.</summary>
    public string? RequiredBasicAuthUserInfo { get; init; }

    /// <summary>Serve HTTPS with this certificate (it needs its private key) instead of plain HTTP.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>
    /// With <see cref="ServerCertificate"/>: demand a client certificate and accept the connection only when this
    /// returns true for it (mutual TLS).
    /// </summary>
    public Func<X509Certificate2, bool>? ClientCertificateValidator { get; init; }
}
