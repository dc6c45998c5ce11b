using Confluent.Kafka;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Worker.Configuration;
using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace JourneyMapper.Worker.Tests.Configuration;

/// <summary>JourneyMapper:Serialization and JourneyMapper:SchemaRegistry: defaults, start-up checks and what the host builds from them.</summary>
public sealed class SerializationConfigurationTests
{
    private const string Format = "JourneyMapper:Serialization:Format";
    private const string Url = "JourneyMapper:SchemaRegistry:Url";
    private const string Secret = "s3cret-pass";

    [Fact]
    public void AvroIsTheDefaultAndWithoutARegistryUrlTheStartFailsNamingTheKeyAndTheFix()
    {
        var failure = Assert.Single(Failures([]));

        Assert.Equal(
            "JourneyMapper:SchemaRegistry:Url is required when JourneyMapper:Serialization:Format is Avro (the default): set the schema registry's base URL, "
            + "e.g. http://localhost:8081, in appsettings.json or in the environment variable JOURNEYMAPPER__SCHEMAREGISTRY__URL; "
            + "or set JourneyMapper:Serialization:Format to Json.",
            failure);
    }

    [Fact]
    public async Task AvroWithoutARegistryUrlStopsTheServiceWithExitCode2()
    {
        using var host = Build([]);

        Assert.Equal(2, await JourneyMapperHost.RunAsync(host));
    }

    [Theory]
    [InlineData("Protobuf")]
    [InlineData("1")]
    [InlineData("Avro,Json")]
    public void AnUnknownFormatNamesTheKeyAndTheChoices(string format)
    {
        var failure = Assert.Single(Failures(new() { [Format] = format }));

        Assert.Equal($"JourneyMapper:Serialization:Format is '{format}': use Avro or Json.", failure);
    }

    [Theory]
    [InlineData("avro")]
    [InlineData("JSON")]
    public void FormatNamesAreCaseInsensitive(string format) =>
        Assert.Empty(Failures(new() { [Format] = format, [Url] = "http://registry:8081" }));

    [Fact]
    public void ValuesOfTheWrongTypeNameTheirKeys()
    {
        var failures = Failures(new()
        {
            [Url] = "http://registry:8081",
            ["JourneyMapper:SchemaRegistry:RequestTimeout"] = "soon",
            ["JourneyMapper:SchemaRegistry:AutoRegisterSchemas"] = "maybe",
            ["JourneyMapper:SchemaRegistry:MaxRetries"] = "three",
            ["JourneyMapper:Streams:ProcessingGuarantee"] = "ExactlyOnce",
        });

        Assert.Equal(
        [
            "JourneyMapper:SchemaRegistry:AutoRegisterSchemas is 'maybe': use true or false.",
            "JourneyMapper:SchemaRegistry:MaxRetries is 'three': use a whole number.",
            "JourneyMapper:SchemaRegistry:RequestTimeout is 'soon': use a duration as [d.]hh:mm:ss[.fff], e.g. 00:00:30.",
            "JourneyMapper:Streams:ProcessingGuarantee is 'ExactlyOnce': use AtLeastOnce or ExactlyOnceV2.",
        ],
        failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BadRegistryUrlsAreNamedByPositionWithoutRepeatingThem()
    {
        var failures = Failures(new() { [Url] = $"http://registry-a:8081, ftp://registry-b, http://svc:{Secret}@registry-c:8081, http://registry-d:8081/?x=1" });

        Assert.Equal(
        [
            "JourneyMapper:SchemaRegistry:Url entry #2 is not an absolute http:// or https:// URL: give the registry's base URL, e.g. http://schema-registry:8081.",
            "JourneyMapper:SchemaRegistry:Url entry #3 carries credentials: remove them from the URL and set JourneyMapper:SchemaRegistry:BasicAuthUserInfo (user:password) instead, which is never logged.",
            "JourneyMapper:SchemaRegistry:Url entry #4 has a query or fragment: give the registry's base URL only, e.g. http://schema-registry:8081.",
        ],
        failures);
    }

    [Fact]
    public void CredentialAndTlsMistakesNameTheKeyButNeverTheSecret()
    {
        var failures = Failures(new()
        {
            [Url] = "https://registry:8081",
            ["JourneyMapper:SchemaRegistry:BasicAuthUserInfo"] = Secret,
            ["JourneyMapper:SchemaRegistry:ClientCertificatePassword"] = Secret,
            ["JourneyMapper:SchemaRegistry:CaCertificatePath"] = "/nonexistent/ca.pem",
        });

        Assert.Equal(
        [
            "JourneyMapper:SchemaRegistry:BasicAuthUserInfo must have the form user:password (the value is not shown).",
            "JourneyMapper:SchemaRegistry:ClientCertificatePassword is set without JourneyMapper:SchemaRegistry:ClientCertificatePath: set the certificate file too, or remove the password.",
            "JourneyMapper:SchemaRegistry:CaCertificatePath is '/nonexistent/ca.pem': there is no such file; give the path of a PEM, DER or PKCS#12 certificate file.",
        ],
        failures);
        Assert.All(failures, failure => Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal));
    }

    [Fact]
    public void ACertificateFileThatDoesNotLoadIsReportedAtStart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-certificate-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, "not a certificate");
        try
        {
            var failure = Assert.Single(Failures(new() { [Url] = "https://registry:8081", ["JourneyMapper:SchemaRegistry:CaCertificatePath"] = path }));

            Assert.StartsWith("JourneyMapper:SchemaRegistry:CaCertificatePath: the certificate could not be loaded (", failure, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OutOfRangeTimingsAndCacheSizesNameTheirKeys()
    {
        var failures = Failures(new()
        {
            [Url] = "http://registry:8081",
            ["JourneyMapper:SchemaRegistry:RequestTimeout"] = "00:00:00",
            ["JourneyMapper:SchemaRegistry:MaxRetries"] = "-1",
            ["JourneyMapper:SchemaRegistry:InitialBackoff"] = "00:00:02",
            ["JourneyMapper:SchemaRegistry:MaxBackoff"] = "00:00:01",
            ["JourneyMapper:SchemaRegistry:MissingIdCacheTtl"] = "-00:00:01",
            ["JourneyMapper:SchemaRegistry:MaxCachedSchemas"] = "0",
            ["JourneyMapper:Streams:MaxRetryBackoffMs"] = "0",
        });

        Assert.Equal(
        [
            "JourneyMapper:SchemaRegistry:MaxBackoff is 00:00:01: use at least InitialBackoff (00:00:02), e.g. 00:00:05.",
            "JourneyMapper:SchemaRegistry:MaxCachedSchemas is 0: use 1 or more, e.g. 1000.",
            "JourneyMapper:SchemaRegistry:MaxRetries is -1: use 0 (no retries) or more, e.g. 3.",
            "JourneyMapper:SchemaRegistry:MissingIdCacheTtl is -00:00:01: use zero (no caching) or a positive duration, e.g. 00:00:10.",
            "JourneyMapper:SchemaRegistry:RequestTimeout is 00:00:00: use a positive duration, e.g. 00:00:30.",
            "JourneyMapper:Streams:MaxRetryBackoffMs is 0: use a positive number of milliseconds, e.g. 30000.",
        ],
        failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void JsonNeedsNoRegistryAndRegistersJsonSerdes()
    {
        using var host = Build(new() { [Format] = "Json", ["JourneyMapper:SchemaRegistry:Url"] = "not even a url" });

        Assert.Empty(JourneyMapperHost.ConfigurationFailures(host.Services));
        Assert.IsType<JsonSerde<ClickEvent>>(host.Services.GetRequiredService<Serde<ClickEvent>>().Deserializer);
        Assert.IsType<JsonSerde<UserProfile>>(host.Services.GetRequiredService<Serde<UserProfile>>().Serializer);
        Assert.IsType<JsonSerde<JourneySegment>>(host.Services.GetRequiredService<Serde<JourneySegment>>().Serializer);
    }

    [Fact]
    public void AvroRegistersAvroSerdesOfEveryRecordOverOneRegistryClient()
    {
        using var host = Build(new() { [Url] = "http://registry:8081" });

        var clickEvents = host.Services.GetRequiredService<Serde<ClickEvent>>();
        Assert.Empty(JourneyMapperHost.ConfigurationFailures(host.Services));
        Assert.IsType<AvroSerde<ClickEvent>>(clickEvents.Deserializer);
        Assert.Same(clickEvents.Serializer, clickEvents.Deserializer);
        Assert.IsType<AvroSerde<UserProfile>>(host.Services.GetRequiredService<Serde<UserProfile>>().Deserializer);
        Assert.IsType<AvroSerde<JourneySegment>>(host.Services.GetRequiredService<Serde<JourneySegment>>().Deserializer);
        Assert.IsType<SchemaRegistryClient>(host.Services.GetRequiredService<ISchemaRegistryClient>());
    }

    [Fact]
    public void EverySettingMapsOntoTheClientAndSerdeOptions()
    {
        using var host = Build(new()
        {
            [Url] = "https://registry-a:8081,https://registry-b:8081",
            ["JourneyMapper:SchemaRegistry:BasicAuthUserInfo"] = $"journeys:{Secret}",
            ["JourneyMapper:SchemaRegistry:DangerousSkipTlsVerification"] = "true",
            ["JourneyMapper:SchemaRegistry:RequestTimeout"] = "00:00:07",
            ["JourneyMapper:SchemaRegistry:MaxRetries"] = "5",
            ["JourneyMapper:SchemaRegistry:InitialBackoff"] = "00:00:00.200",
            ["JourneyMapper:SchemaRegistry:MaxBackoff"] = "00:00:02",
            ["JourneyMapper:SchemaRegistry:LatestCacheTtl"] = "00:01:00",
            ["JourneyMapper:SchemaRegistry:MaxCachedSchemas"] = "50",
            ["JourneyMapper:SchemaRegistry:MissingIdCacheTtl"] = "00:00:03",
            ["JourneyMapper:SchemaRegistry:MaxCachedMissingIds"] = "20",
            ["JourneyMapper:SchemaRegistry:AutoRegisterSchemas"] = "false",
        });
        var settings = host.Services.GetRequiredService<IOptions<SchemaRegistrySettings>>().Value;

        Assert.Equal(
            new SchemaRegistryOptions
            {
                Url = "https://registry-a:8081,https://registry-b:8081",
                BasicAuthUserInfo = $"journeys:{Secret}",
                DangerousSkipTlsVerification = true,
                RequestTimeout = TimeSpan.FromSeconds(7),
                MaxRetries = 5,
                InitialBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(2),
                LatestCacheTtl = TimeSpan.FromMinutes(1),
                MaxCachedSchemas = 50,
                MissingIdCacheTtl = TimeSpan.FromSeconds(3),
                MaxCachedMissingIds = 20,
            },
            settings.ToClientOptions());
        Assert.False(settings.ToSerdeOptions().AutoRegisterSchemas);
        Assert.Equal(["https://registry-a:8081", "https://registry-b:8081"], settings.Urls());
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, settings.ToClientOptions().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreThoseOfTheClientAndConfluentsSerializers()
    {
        using var host = Build(new() { [Url] = "http://registry:8081" });
        var settings = host.Services.GetRequiredService<IOptions<SchemaRegistrySettings>>().Value;

        Assert.Equal(SerializationFormat.Avro, host.Services.GetRequiredService<IOptions<SerializationOptions>>().Value.Format);
        Assert.Equal(new SchemaRegistryOptions { Url = "http://registry:8081" }, settings.ToClientOptions());
        Assert.True(settings.ToSerdeOptions().AutoRegisterSchemas);
    }

    [Fact]
    public void TheRuntimeRetriesRegistryOutagesAndDeadLettersUnderTheSerdesCode()
    {
        using var host = Build(new() { [Url] = "http://registry:8081", ["JourneyMapper:Streams:MaxRetryBackoffMs"] = "2500" });
        var config = host.Services.GetRequiredService<StreamsConfig>();
        var unknownId = new AvroSerdeException(AvroSerdeError.UnknownSchemaId, "schema id 7 is not in the registry");
        KafkaNativeLibrary.EnsureLoaded();

        Assert.True(config.IsRetriable(new TransientSerdeException("registry unreachable")));
        Assert.True(config.IsRetriable(new KafkaRetriableException(new Error(ErrorCode.Local_Transport, "broker down"))));
        Assert.False(config.IsRetriable(unknownId));
        Assert.False(config.IsRetriable(new FormatException("not JSON")));
        var codeOf = config.ErrorCodeOf!;
        Assert.Equal("unknown-schema-id", codeOf(unknownId));
        Assert.Equal("malformed-body", codeOf(new AvroSerdeException(AvroSerdeError.MalformedBody, "cut off")));
        Assert.Null(codeOf(new System.Text.Json.JsonException("not JSON")));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), config.MaxRetryBackoff);
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return JourneyMapperHost.ConfigurationFailures(host.Services);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("JourneyMapper:Kafka:BootstrapServers", "b1:9092");
        return TestHost.Build(settings);
    }
}
