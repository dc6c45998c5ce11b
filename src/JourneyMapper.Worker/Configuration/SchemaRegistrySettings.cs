using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Worker.Configuration;

/// <summary>
/// Section <c>JourneyMapper:SchemaRegistry</c>: the registry the Avro serdes use. The keys are those of
/// <see cref="SchemaRegistryOptions"/> (the client) plus <see cref="AutoRegisterSchemas"/> (the serializers), with the
/// same defaults. <see cref="BasicAuthUserInfo"/> and <see cref="ClientCertificatePassword"/> are secrets: they are
/// never logged or repeated in error messages; prefer environment variables or a secret store for them.
/// </summary>
public sealed class SchemaRegistrySettings
{
    public const string Section = "JourneyMapper:SchemaRegistry";

    private static readonly SchemaRegistryOptions ClientDefaults = new();
    private static readonly AvroSerdeOptions SerdeDefaults = new();

    /// <summary>Base URL, or several separated by commas (retries move to the next); required for Avro.</summary>
    public string Url { get; set; } = "";

    /// <summary><c>user:password</c> for HTTP basic authentication (Confluent's <c>basic.auth.user.info</c>).</summary>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>PEM or DER file of the CA certificate(s) the registry's certificate is checked against (instead of the system store).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Client certificate for mutual TLS: PKCS#12, or PEM with certificate and key.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>Accept any server certificate: for a developer's self-signed registry only, never in production.</summary>
    public bool DangerousSkipTlsVerification { get; set; }

    /// <summary>Limit on one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = ClientDefaults.RequestTimeout;

    /// <summary>Further attempts after a transient failure, before the record is stalled and retried by the runtime.</summary>
    public int MaxRetries { get; set; } = ClientDefaults.MaxRetries;

    public TimeSpan InitialBackoff { get; set; } = ClientDefaults.InitialBackoff;

    public TimeSpan MaxBackoff { get; set; } = ClientDefaults.MaxBackoff;

    /// <summary>How long a subject's latest version is reused.</summary>
    public TimeSpan LatestCacheTtl { get; set; } = ClientDefaults.LatestCacheTtl;

    /// <summary>Bound on each cache of ids and schemas.</summary>
    public int MaxCachedSchemas { get; set; } = ClientDefaults.MaxCachedSchemas;

    /// <summary>How long an id the registry does not know is remembered as missing (0: always ask).</summary>
    public TimeSpan MissingIdCacheTtl { get; set; } = ClientDefaults.MissingIdCacheTtl;

    public int MaxCachedMissingIds { get; set; } = ClientDefaults.MaxCachedMissingIds;

    /// <summary>
    /// Confluent's <c>auto.register.schemas</c>: register the output schemas on first use. Turn it off where a
    /// deployment step registers them; the service then checks at start-up that they are registered.
    /// </summary>
    public bool AutoRegisterSchemas { get; set; } = SerdeDefaults.AutoRegisterSchemas;

    public SchemaRegistryOptions ToClientOptions() => new()
    {
        Url = Url,
        BasicAuthUserInfo = string.IsNullOrEmpty(BasicAuthUserInfo) ? null : BasicAuthUserInfo,
        CaCertificatePath = string.IsNullOrWhiteSpace(CaCertificatePath) ? null : CaCertificatePath,
        ClientCertificatePath = string.IsNullOrWhiteSpace(ClientCertificatePath) ? null : ClientCertificatePath,
        ClientCertificatePassword = string.IsNullOrEmpty(ClientCertificatePassword) ? null : ClientCertificatePassword,
        DangerousSkipTlsVerification = DangerousSkipTlsVerification,
        RequestTimeout = RequestTimeout,
        MaxRetries = MaxRetries,
        InitialBackoff = InitialBackoff,
        MaxBackoff = MaxBackoff,
        LatestCacheTtl = LatestCacheTtl,
        MaxCachedSchemas = MaxCachedSchemas,
        MissingIdCacheTtl = MissingIdCacheTtl,
        MaxCachedMissingIds = MaxCachedMissingIds,
    };

    public AvroSerdeOptions ToSerdeOptions() => SerdeDefaults with { AutoRegisterSchemas = AutoRegisterSchemas };

    /// <summary>The configured URLs, for logs: credentials are refused in URLs, so these carry none.</summary>
    public IReadOnlyList<string> Urls() => Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
