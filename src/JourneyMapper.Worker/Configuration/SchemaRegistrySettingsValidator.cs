using System.Security.Cryptography;
using JourneyMapper.Serialization.Registry;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Configuration;

/// <summary>
/// With Avro, the registry settings must let the service reach its registry. Messages name the key and the fix but
/// never repeat a URL (it might carry credentials), the basic auth user info or a certificate password.
/// </summary>
public sealed class SchemaRegistrySettingsValidator(IOptions<SerializationOptions> serialization) : IValidateOptions<SchemaRegistrySettings>
{
    private const string Section = SchemaRegistrySettings.Section;

    public ValidateOptionsResult Validate(string? name, SchemaRegistrySettings settings)
    {
        SerializationFormat format;
        try
        {
            format = serialization.Value.Format;
        }
        catch (OptionsValidationException)
        {
            // A bad format is reported by its own section's check; the registry's depends on it.
            return ValidateOptionsResult.Skip;
        }

        if (format != SerializationFormat.Avro)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckUrls(settings, failures);
        CheckCredentials(settings, failures);
        CheckTimings(settings, failures);
        if (failures.Count == 0)
        {
            CheckTls(settings, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrls(SchemaRegistrySettings settings, List<string> failures)
    {
        var urls = settings.Urls();
        if (urls.Count == 0)
        {
            failures.Add(
                $"{Section}:Url is required when {SerializationOptions.Section}:Format is Avro (the default): set the schema registry's base URL, "
                + "e.g. http://localhost:8081, in appsettings.json or in the environment variable JOURNEYMAPPER__SCHEMAREGISTRY__URL; "
                + $"or set {SerializationOptions.Section}:Format to Json.");
            return;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            var entry = urls.Count == 1 ? $"{Section}:Url" : $"{Section}:Url entry #{i + 1}";
            if (!Uri.TryCreate(urls[i], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{entry} is not an absolute http:// or https:// URL: give the registry's base URL, e.g. http://schema-registry:8081.");
            }
            else if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                failures.Add(
                    $"{entry} carries credentials: remove them from the URL and set {Section}:BasicAuthUserInfo (user:password) instead, which is never logged.");
            }
            else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                failures.Add($"{entry} has a query or fragment: give the registry's base URL only, e.g. http://schema-registry:8081.");
            }
        }
    }

    private static void CheckCredentials(SchemaRegistrySettings settings, List<string> failures)
    {
        if (!string.IsNullOrEmpty(settings.BasicAuthUserInfo) && !settings.BasicAuthUserInfo.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:BasicAuthUserInfo must have the form user:password (the value is not shown).");
        }

        if (!string.IsNullOrEmpty(settings.ClientCertificatePassword) && string.IsNullOrWhiteSpace(settings.ClientCertificatePath))
        {
            failures.Add($"{Section}:ClientCertificatePassword is set without {Section}:ClientCertificatePath: set the certificate file too, or remove the password.");
        }

        foreach (var (key, path) in new[] { ("CaCertificatePath", settings.CaCertificatePath), ("ClientCertificatePath", settings.ClientCertificatePath) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                failures.Add($"{Section}:{key} is '{path}': there is no such file; give the path of a PEM, DER or PKCS#12 certificate file.");
            }
        }
    }

    private static void CheckTimings(SchemaRegistrySettings settings, List<string> failures)
    {
        if (settings.RequestTimeout <= TimeSpan.Zero && settings.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{Section}:RequestTimeout is {settings.RequestTimeout}: use a positive duration, e.g. 00:00:30.");
        }

        if (settings.MaxRetries < 0)
        {
            failures.Add($"{Section}:MaxRetries is {settings.MaxRetries}: use 0 (no retries) or more, e.g. 3.");
        }

        if (settings.InitialBackoff < TimeSpan.Zero)
        {
            failures.Add($"{Section}:InitialBackoff is {settings.InitialBackoff}: use zero or a positive duration, e.g. 00:00:00.100.");
        }

        if (settings.MaxBackoff < settings.InitialBackoff)
        {
            failures.Add($"{Section}:MaxBackoff is {settings.MaxBackoff}: use at least InitialBackoff ({settings.InitialBackoff}), e.g. 00:00:05.");
        }

        foreach (var (key, ttl) in new[] { ("LatestCacheTtl", settings.LatestCacheTtl), ("MissingIdCacheTtl", settings.MissingIdCacheTtl) })
        {
            if (ttl < TimeSpan.Zero)
            {
                failures.Add($"{Section}:{key} is {ttl}: use zero (no caching) or a positive duration, e.g. 00:00:10.");
            }
        }

        foreach (var (key, size) in new[] { ("MaxCachedSchemas", settings.MaxCachedSchemas), ("MaxCachedMissingIds", settings.MaxCachedMissingIds) })
        {
            if (size < 1)
            {
                failures.Add($"{Section}:{key} is {size}: use 1 or more, e.g. 1000.");
            }
        }
    }

    /// <summary>Loads the certificates as the client will, so that a wrong password or file format stops the start, not the first record.</summary>
    private static void CheckTls(SchemaRegistrySettings settings, List<string> failures)
    {
        var options = settings.ToClientOptions();
        try
        {
            using var client = new SchemaRegistryClient(options);
        }
        catch (CryptographicException e)
        {
            var key = options.ClientCertificatePath is not null ? "ClientCertificatePath" : "CaCertificatePath";
            failures.Add($"{Section}:{key}: the certificate could not be loaded ({e.Message}); check the file's format and {Section}:ClientCertificatePassword.");
        }
        catch (ArgumentException e)
        {
            // The client's own checks; their messages never repeat a secret.
            failures.Add($"{Section}:{e.ParamName}: {e.Message}");
        }
    }
}
