using System.Globalization;
using System.Text;

namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// How <see cref="SchemaRegistryClient"/> reaches a registry. A record so it binds from configuration; its
/// <see cref="object.ToString"/> masks the secrets, because options objects end up in startup logs.
/// </summary>
public sealed record SchemaRegistryOptions
{
    /// <summary>
    /// One base URL, or several separated by commas (Confluent's <c>schema.registry.url</c> convention): each retry
    /// moves to the next one. Credentials belong in <see cref="BasicAuthUserInfo"/>, never in the URL.
    /// </summary>
    public string Url { get; init; } = "";

    /// <summary><c>user:password</c> for HTTP basic authentication, as Confluent's <c>basic.auth.user.info</c>.</summary>
    public string? BasicAuthUserInfo { get; init; }

    /// <summary>
    /// PEM (or DER) file of the CA certificate(s) that sign the registry's certificate. When set, only these roots
    /// are trusted for the registry, not the system store.
    /// </summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>Client certificate for mutual TLS: PKCS#12 (.p12/.pfx), or PEM holding both certificate and key.</summary>
    public string? ClientCertificatePath { get; init; }

    /// <summary>Password of the PKCS#12 file, or of the PEM's encrypted private key.</summary>
    public string? ClientCertificatePassword { get; init; }

    /// <summary>
    /// Accepts any server certificate: for a developer's self-signed registry only. It disables the protection
    /// TLS exists for, so never set it in a deployed configuration.
    /// </summary>
    public bool DangerousSkipTlsVerification { get; init; }

    /// <summary>Limit on one HTTP attempt (connect, send, read); each retry gets a fresh one.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Further attempts after a transient failure; 0 disables retrying.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; it doubles each retry up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a subject's latest version is reused. Kept short because, unlike ids and schemas, it changes
    /// whenever someone registers; <see cref="TimeSpan.Zero"/> always asks.
    /// </summary>
    public TimeSpan LatestCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on each immutable cache (id to schema, subject and schema to id); a full cache starts over.</summary>
    public int MaxCachedSchemas { get; init; } = 1000;

    /// <summary>
    /// How long an id the registry answered "not found" for is remembered as missing (Confluent's
    /// <c>missing.id.cache.ttl.sec</c>): records framed with a garbage id then cost one request per id per period, not
    /// one each. Kept short, because an id unknown to one registry node may be one just registered on another;
    /// <see cref="TimeSpan.Zero"/> always asks.
    /// </summary>
    public TimeSpan MissingIdCacheTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound on the ids remembered as missing (Confluent's <c>missing.cache.size</c>); a full cache starts over.</summary>
    public int MaxCachedMissingIds { get; init; } = 1000;

    /// <exception cref="ArgumentException">A setting is out of range; the message never repeats a secret.</exception>
    public IReadOnlyList<Uri> Validate()
    {
        var urls = Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            throw new ArgumentException("SchemaRegistryOptions.Url is empty: give the registry's base URL.", nameof(Url));
        }

        var parsed = new List<Uri>(urls.Length);
        for (var i = 0; i < urls.Length; i++)
        {
            if (!Uri.TryCreate(urls[i], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"Schema registry URL #{i + 1} is not an absolute http or https URL.", nameof(Url));
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new ArgumentException(
                    $"Schema registry URL #{i + 1} carries credentials; pass them as BasicAuthUserInfo so they stay out of URLs and logs.",
                    nameof(Url));
            }

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new ArgumentException($"Schema registry URL #{i + 1} has a query or fragment; give the base URL only.", nameof(Url));
            }

            // Relative request paths resolve under the base only if it ends with '/', which keeps a registry
            // mounted below a path prefix (behind a gateway) reachable.
            parsed.Add(uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/"));
        }

        if (BasicAuthUserInfo is not null && !BasicAuthUserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("BasicAuthUserInfo must have the form user:password.", nameof(BasicAuthUserInfo));
        }

        if (ClientCertificatePassword is not null && ClientCertificatePath is null)
        {
            throw new ArgumentException("ClientCertificatePassword is set without ClientCertificatePath.", nameof(ClientCertificatePassword));
        }

        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(LatestCacheTtl, TimeSpan.Zero, nameof(LatestCacheTtl));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCachedSchemas, 1, nameof(MaxCachedSchemas));
        ArgumentOutOfRangeException.ThrowIfLessThan(MissingIdCacheTtl, TimeSpan.Zero, nameof(MissingIdCacheTtl));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCachedMissingIds, 1, nameof(MaxCachedMissingIds));
        return parsed;
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive (or infinite).");
        }
    }

    // Replaces the compiler's member printer: the generated one would print the password and the user info.
    private bool PrintMembers(StringBuilder builder)
    {
        var c = CultureInfo.InvariantCulture;
        builder.Append(c, $"Url = {Url}, ");
        builder.Append(c, $"BasicAuthUserInfo = {Mask(BasicAuthUserInfo)}, ");
        builder.Append(c, $"CaCertificatePath = {CaCertificatePath}, ");
        builder.Append(c, $"ClientCertificatePath = {ClientCertificatePath}, ");
        builder.Append(c, $"ClientCertificatePassword = {Mask(ClientCertificatePassword)}, ");
        builder.Append(c, $"DangerousSkipTlsVerification = {DangerousSkipTlsVerification}, ");
        builder.Append(c, $"RequestTimeout = {RequestTimeout}, MaxRetries = {MaxRetries}, ");
        builder.Append(c, $"InitialBackoff = {InitialBackoff}, MaxBackoff = {MaxBackoff}, ");
        builder.Append(c, $"LatestCacheTtl = {LatestCacheTtl}, MaxCachedSchemas = {MaxCachedSchemas}, ");
        builder.Append(c, $"MissingIdCacheTtl = {MissingIdCacheTtl}, MaxCachedMissingIds = {MaxCachedMissingIds}");
        return true;
    }

    private static string Mask(string? secret) => secret is null ? "(none)" : "***";
}
