using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using JourneyMapper.Serialization.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyMapper.Tools.SchemaRegistry;

/// <summary>
/// A Confluent-compatible Schema Registry over real HTTP on 127.0.0.1 (a free port), for tests and local runs
/// without the Java service. It speaks the REST subset JourneyMapper uses, with Confluent's bodies and error codes:
/// registration and lookup under subjects, schemas by global id, subject versions, compatibility checks, and global
/// and per-subject compatibility levels. State lives in memory and dies with the instance. Avro only: a
/// <c>schemaType</c> other than AVRO, or schema references, are refused as invalid.
/// </summary>
public sealed class InProcessSchemaRegistry : IAsyncDisposable
{
    private const string ContentType = SchemaRegistryClient.ContentType;
    private static readonly RegistryJsonContext Json = RegistryJsonContext.Default;

    private readonly WebApplication _app;
    private int _requestCount;
    private volatile bool _unavailable;
    private long _responseDelayTicks;
    private int _disposed;

    private InProcessSchemaRegistry(WebApplication app) => _app = app;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>, for <see cref="SchemaRegistryOptions.Url"/>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every HTTP request that reached the server, refused ones (503, 401) included.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public static async Task<InProcessSchemaRegistry> StartAsync(
        InProcessSchemaRegistryOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new InProcessSchemaRegistryOptions();
        ArgumentNullException.ThrowIfNull(options.CompatibilityChecker);
        ArgumentNullException.ThrowIfNull(options.NormalizeSchema);
        if (options.RequiredBasicAuthUserInfo is { } userInfo && !userInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("RequiredBasicAuthUserInfo must have the form user:password.", nameof(options));
        }

        if (options.ClientCertificateValidator is not null && options.ServerCertificate is null)
        {
            throw new ArgumentException("ClientCertificateValidator needs a ServerCertificate: client certificates exist only over TLS.", nameof(options));
        }

        // The empty builder reads no appsettings, environment variables (ASPNETCORE_URLS) or command line, so the
        // host's surroundings cannot move the port or add logging noise to test output.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (options.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        if (options.ClientCertificateValidator is { } validate)
                        {
                            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                            https.ClientCertificateValidation = (client, _, _) => validate(client);
                        }
                    });
                }
            }));

        var app = builder.Build();
        var registry = new InProcessSchemaRegistry(app);
        try
        {
            var store = new RegistryStore(options.CompatibilityChecker, options.NormalizeSchema, options.DefaultCompatibility);
            registry.Configure(app, store, options.RequiredBasicAuthUserInfo);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
                ?? throw new InvalidOperationException("Kestrel reported no addresses.");
            var address = addresses.Addresses.Single();
            registry.Url = address.TrimEnd('/');
            return registry;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Fault injection: while true, every request is answered 503 before anything else happens.</summary>
    public void SetUnavailable(bool unavailable) => _unavailable = unavailable;

    /// <summary>Fault injection: hold every response this long (zero to stop), to drive clients into their timeouts.</summary>
    public void SetResponseDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Interlocked.Exchange(ref _responseDelayTicks, delay.Ticks);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Configure(WebApplication app, RegistryStore store, string? requiredUserInfo)
    {
        var expectedAuthorization = requiredUserInfo is null
            ? null
            : Encoding.ASCII.GetBytes("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(requiredUserInfo)));

        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requestCount);
            if (_unavailable)
            {
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ErrorBody(503, "Schema registry unavailable"), Json.ErrorBody)
                    .ConfigureAwait(false);
                return;
            }

            var delay = TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }
            }

            if (expectedAuthorization is not null && !IsAuthorized(context.Request, expectedAuthorization))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"SchemaRegistry\"";
                await WriteAsync(context, StatusCodes.Status401Unauthorized, new ErrorBody(401, "Unauthorized"), Json.ErrorBody).ConfigureAwait(false);
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (RegistryRestException e)
            {
                await WriteAsync(context, e.HttpStatus, new ErrorBody(e.ErrorCode, e.Message), Json.ErrorBody).ConfigureAwait(false);
            }
        });

        app.MapGet("/subjects", () => Ok(store.ListSubjects(), Json.StringArray));

        app.MapGet("/subjects/{subject}/versions", (string subject) => Ok(store.ListVersions(subject), Json.Int32Array));

        app.MapPost("/subjects/{subject}/versions", async (string subject, HttpRequest request) =>
        {
            var schema = await ReadSchemaAsync(request).ConfigureAwait(false);
            return Ok(new SchemaIdBody(store.Register(subject, schema)), Json.SchemaIdBody);
        });

        app.MapPost("/subjects/{subject}", async (string subject, HttpRequest request) =>
        {
            var schema = await ReadSchemaAsync(request).ConfigureAwait(false);
            return Ok(store.Lookup(subject, schema), Json.SubjectVersionBody);
        });

        app.MapGet("/subjects/{subject}/versions/{version}", (string subject, string version) =>
            Ok(store.GetVersion(subject, version), Json.SubjectVersionBody));

        app.MapGet("/schemas/ids/{id}", (string id) => Ok(new SchemaBody(store.GetSchema(id)), Json.SchemaBody));

        app.MapPost("/compatibility/subjects/{subject}/versions/{version}", async (string subject, string version, HttpRequest request) =>
        {
            var schema = await ReadSchemaAsync(request).ConfigureAwait(false);
            var result = store.CheckCompatibility(subject, version, schema);
            var verbose = string.Equals(request.Query["verbose"], "true", StringComparison.OrdinalIgnoreCase);
            return Ok(new CompatibilityBody(result.IsCompatible, verbose ? result.Messages : null), Json.CompatibilityBody);
        });

        app.MapGet("/config", () => Ok(new CompatibilityLevelBody(store.GetGlobalLevel().ToWireName()), Json.CompatibilityLevelBody));

        app.MapPut("/config", async (HttpRequest request) =>
        {
            var level = await ReadLevelAsync(request).ConfigureAwait(false);
            store.SetGlobalLevel(level);
            return Ok(new CompatibilityUpdateBody(level.ToWireName()), Json.CompatibilityUpdateBody);
        });

        app.MapGet("/config/{subject}", (string subject, HttpRequest request) =>
        {
            var defaultToGlobal = string.Equals(request.Query["defaultToGlobal"], "true", StringComparison.OrdinalIgnoreCase);
            return Ok(new CompatibilityLevelBody(store.GetSubjectLevel(subject, defaultToGlobal).ToWireName()), Json.CompatibilityLevelBody);
        });

        app.MapPut("/config/{subject}", async (string subject, HttpRequest request) =>
        {
            var level = await ReadLevelAsync(request).ConfigureAwait(false);
            store.SetSubjectLevel(subject, level);
            return Ok(new CompatibilityUpdateBody(level.ToWireName()), Json.CompatibilityUpdateBody);
        });

        // Jersey answers unknown paths with a JSON error too; clients parse every error body the same way.
        app.MapFallback("{**path}", () => Error(404, 404, "HTTP 404 Not Found"));
    }

    private static bool IsAuthorized(HttpRequest request, byte[] expected)
    {
        var actual = Encoding.ASCII.GetBytes(request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static async Task<string> ReadSchemaAsync(HttpRequest request)
    {
        using var body = await ReadBodyAsync(request).ConfigureAwait(false);
        var root = body.RootElement;
        if (root.TryGetProperty("schemaType", out var type) && type.ValueKind != JsonValueKind.Null
            && !string.Equals(type.GetString(), "AVRO", StringComparison.Ordinal))
        {
            throw RegistryRestException.InvalidSchema($"schema type {type} is not supported here; only AVRO is");
        }

        if (root.TryGetProperty("references", out var references) && references.ValueKind == JsonValueKind.Array && references.GetArrayLength() > 0)
        {
            throw RegistryRestException.InvalidSchema("schema references are not supported by the in-process registry");
        }

        if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String)
        {
            throw RegistryRestException.InvalidSchema("the request has no \"schema\" string");
        }

        return schema.GetString()!;
    }

    private static async Task<CompatibilityLevel> ReadLevelAsync(HttpRequest request)
    {
        using var body = await ReadBodyAsync(request).ConfigureAwait(false);
        return body.RootElement.TryGetProperty("compatibility", out var level)
            && level.ValueKind == JsonValueKind.String
            && CompatibilityLevels.TryParse(level.GetString(), out var parsed)
                ? parsed
                : throw RegistryRestException.InvalidCompatibilityLevel();
    }

    private static async Task<JsonDocument> ReadBodyAsync(HttpRequest request)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw RegistryRestException.BadRequest($"The request body is not JSON: {e.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw RegistryRestException.BadRequest("The request body must be a JSON object.");
        }

        return document;
    }

    private static IResult Ok<T>(T body, JsonTypeInfo<T> contract) => Results.Json(body, contract, ContentType, StatusCodes.Status200OK);

    private static IResult Error(int status, int errorCode, string message) =>
        Results.Json(new ErrorBody(errorCode, message), Json.ErrorBody, ContentType, status);

    private static Task WriteAsync<T>(HttpContext context, int status, T body, JsonTypeInfo<T> contract)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        return JsonSerializer.SerializeAsync(context.Response.Body, body, contract, context.RequestAborted);
    }
}
