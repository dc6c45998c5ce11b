using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace JourneyMapper.Serialization.Registry;

/// <summary>Builds the HTTP handler that carries <see cref="SchemaRegistryOptions"/>' TLS settings.</summary>
internal static class SchemaRegistryHttpHandler
{
    public static SocketsHttpHandler Create(SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            // Recycled connections pick up DNS changes when a registry cluster is replaced behind the same name.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout,
            // Credentials go only to the configured host: a redirect elsewhere would leak the Authorization header.
            AllowAutoRedirect = false,
        };

        try
        {
            if (options.CaCertificatePath is { } caPath)
            {
                handler.SslOptions.CertificateChainPolicy = CustomRootPolicy(LoadCertificates(caPath));
            }

            if (options.ClientCertificatePath is { } clientPath)
            {
                handler.SslOptions.ClientCertificates = [LoadClientCertificate(clientPath, options.ClientCertificatePassword)];
            }

            if (options.DangerousSkipTlsVerification)
            {
                // Opt-in for a developer's self-signed registry; the option's name and documentation carry the
                // warning CA5359 gives.
#pragma warning disable CA5359
                handler.SslOptions.RemoteCertificateValidationCallback = AcceptAnyCertificate;
#pragma warning restore CA5359
            }

            return handler;
        }
        catch
        {
            handler.Dispose();
            throw;
        }
    }

    private static X509ChainPolicy CustomRootPolicy(X509Certificate2Collection roots)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // Private CAs seldom publish reachable revocation lists; checking would fail every handshake.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        if (File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            certificates.ImportFromPemFile(path);
        }
        else
        {
            certificates.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        if (certificates.Count == 0)
        {
            throw new ArgumentException($"The CA certificate file '{path}' holds no certificate.", nameof(path));
        }

        return certificates;
    }

    private static X509Certificate2 LoadClientCertificate(string path, string? password)
    {
        if (File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return password is null
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }

    private static bool AcceptAnyCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
}
