using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Tools.SchemaRegistry;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

internal static class TestSchemas
{
    public const string UserV1 = """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"string"}]}""";

    // UserV1 laid out differently: the same schema to a registry.
    public const string UserV1Pretty = """
        {
          "type" : "record", "name" : "User", "namespace" : "test",
          "fields" : [ { "name" : "id", "type" : "string" } ]
        }
        """;

    public const string UserV2 =
        """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"string"},{"name":"email","type":["null","string"],"default":null}]}""";

    public const string Page = """{"type":"record","name":"Page","namespace":"test","fields":[{"name":"url","type":"string"}]}""";
}

internal static class RegistryClients
{
    /// <summary>A client with retries fast enough for tests; <paramref name="tweak"/> adjusts the options.</summary>
    public static SchemaRegistryClient For(
        InProcessSchemaRegistry registry, Func<SchemaRegistryOptions, SchemaRegistryOptions>? tweak = null, TimeProvider? time = null) =>
        For(registry.Url, tweak, time);

    public static SchemaRegistryClient For(string url, Func<SchemaRegistryOptions, SchemaRegistryOptions>? tweak = null, TimeProvider? time = null)
    {
        var options = new SchemaRegistryOptions
        {
            Url = url,
            RequestTimeout = TimeSpan.FromSeconds(5),
            MaxRetries = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
        };
        return new SchemaRegistryClient(tweak is null ? options : tweak(options), time);
    }

    /// <summary>A URL where nothing listens: a registry's, after it has stopped.</summary>
    public static async Task<string> DeadUrlAsync()
    {
        var registry = await InProcessSchemaRegistry.StartAsync();
        var url = registry.Url;
        await registry.DisposeAsync();
        return url;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(10);
        }
    }
}

/// <summary>Real time, except that <see cref="Advance"/> moves the monotonic clock caches measure ages with.</summary>
internal sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offset;

    public override long GetTimestamp() => base.GetTimestamp() + Interlocked.Read(ref _offset);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offset, (long)(by.TotalSeconds * TimestampFrequency));
}

/// <summary>A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, all signed by it.</summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Ca = ca;
        Server = server;
        Client = client;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public static TestCertificates Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=JourneyMapper Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(IPAddress.Loopback);
        sans.AddDnsName("localhost");
        var server = Issue(ca, "CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", sans.Build(), now);
        var client = Issue(ca, "CN=journeymapper-client", "1.3.6.1.5.5.7.3.2", extension: null, now);
        return new TestCertificates(ca, server, client);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, string usageOid, X509Extension? extension, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (extension is not null)
        {
            request.CertificateExtensions.Add(extension);
        }

        using var signed = request.Create(ca, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives the key a form every TLS backend accepts for a server or client certificate.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }
}
