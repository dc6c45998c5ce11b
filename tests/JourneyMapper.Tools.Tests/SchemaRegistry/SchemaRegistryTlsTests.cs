using JourneyMapper.Serialization.Registry;
using JourneyMapper.Tools.SchemaRegistry;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

public sealed class SchemaRegistryTlsTests : IDisposable
{
    private const int TestTimeoutMs = 30_000;
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("jm-registry-tls-");

    public void Dispose()
    {
        _certificates.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task TrustsTheRegistryThroughTheConfiguredCa()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync(new InProcessSchemaRegistryOptions { ServerCertificate = _certificates.Server });
        using var client = RegistryClients.For(registry, o => o with { CaCertificatePath = WriteCaPem() });

        Assert.StartsWith("https://127.0.0.1:", registry.Url, StringComparison.Ordinal);
        Assert.True(await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1) >= 1);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnUntrustedCertificateFailsWithoutRetrying()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync(new InProcessSchemaRegistryOptions { ServerCertificate = _certificates.Server });
        using var client = RegistryClients.For(registry, o => o with { MaxRetries = 5 });

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectsAsync());

        Assert.False(error.IsTransient);
        Assert.Null(error.HttpStatus);
        Assert.Equal(0, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task SkippingVerificationAcceptsAnyCertificate()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync(new InProcessSchemaRegistryOptions { ServerCertificate = _certificates.Server });
        using var client = RegistryClients.For(registry, o => o with { DangerousSkipTlsVerification = true });

        Assert.Empty(await client.GetSubjectsAsync());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task PresentsTheClientCertificateForMutualTls()
    {
        var expected = _certificates.Client.Thumbprint;
        await using var registry = await InProcessSchemaRegistry.StartAsync(new InProcessSchemaRegistryOptions
        {
            ServerCertificate = _certificates.Server,
            ClientCertificateValidator = presented => presented.Thumbprint == expected,
        });
        var p12 = Path.Combine(_directory.FullName, "client.p12");
        await File.WriteAllBytesAsync(p12, _certificates.Client.Export(X509ContentType.Pkcs12, "p12-pass"));
        using var withCertificate = RegistryClients.For(registry, o => o with
        {
            CaCertificatePath = WriteCaPem(),
            ClientCertificatePath = p12,
            ClientCertificatePassword = "p12-pass",
        });
        using var withoutCertificate = RegistryClients.For(registry, o => o with { CaCertificatePath = WriteCaPem(), MaxRetries = 0 });

        Assert.Empty(await withCertificate.GetSubjectsAsync());
        await Assert.ThrowsAsync<SchemaRegistryException>(() => withoutCertificate.GetSubjectsAsync());
    }

    private string WriteCaPem()
    {
        var path = Path.Combine(_directory.FullName, "ca.pem");
        File.WriteAllText(path, _certificates.Ca.ExportCertificatePem());
        return path;
    }
}
