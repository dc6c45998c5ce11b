using System.Net;
using System.Text;
using JourneyMapper.Serialization.Registry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

/// <summary>What the client sends and how it reads answers no registry of ours gives, over a scripted handler.</summary>
public sealed class SchemaRegistryClientContractTests
{
    private static readonly SchemaRegistryOptions Options = new()
    {
        Url = "http://registry.test:8081",
        BasicAuthUserInfo = "journeys:s3cret",
        MaxRetries = 2,
        InitialBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(5),
    };

    [Fact]
    public async Task SendsTheRegistryContentTypeCredentialsAndAnEscapedSubject()
    {
        using var handler = new ScriptedHandler(_ => Respond(HttpStatusCode.OK, """{"id":7}"""));
        using var client = new SchemaRegistryClient(Options, handler, disposeHandler: false);

        Assert.Equal(7, await client.RegisterSchemaAsync("odd subject/value", TestSchemas.UserV1));

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://registry.test:8081/subjects/odd%20subject%2Fvalue/versions", request.Uri);
        Assert.Equal(SchemaRegistryClient.ContentType, request.ContentType);
        Assert.Contains(SchemaRegistryClient.ContentType, request.Accept, StringComparison.Ordinal);
        Assert.Equal("Basic " + Convert.ToBase64String("journeys:s3cret"u8), request.Authorization);
        Assert.Equal($$"""{"schema":{{System.Text.Json.JsonSerializer.Serialize(TestSchemas.UserV1)}}}""", request.Body);
    }

    [Fact]
    public async Task APartialSuccessBodyIsAnErrorNotIdZero()
    {
        using var handler = new ScriptedHandler(_ => Respond(HttpStatusCode.OK, "{}"));
        using var client = new SchemaRegistryClient(Options, handler, disposeHandler: false);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("s", TestSchemas.UserV1));

        Assert.False(error.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AProxysHtmlErrorIsTransientAndRetried()
    {
        using var handler = new ScriptedHandler(_ => Respond(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html"));
        using var client = new SchemaRegistryClient(Options, handler, disposeHandler: false);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));

        Assert.True(error.IsTransient);
        Assert.Equal(HttpStatusCode.BadGateway, error.HttpStatus);
        Assert.Null(error.ErrorCode);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task RateLimitingIsTransient()
    {
        var calls = 0;
        using var handler = new ScriptedHandler(_ => Interlocked.Increment(ref calls) == 1
            ? Respond(HttpStatusCode.TooManyRequests, """{"error_code":42901,"message":"slow down"}""")
            : Respond(HttpStatusCode.OK, """{"schema":"\"string\""}"""));
        using var client = new SchemaRegistryClient(Options, handler, disposeHandler: false);

        Assert.Equal("\"string\"", await client.GetSchemaAsync(1));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public void TlsSettingsAreRefusedWithACallersHandler()
    {
        using var handler = new ScriptedHandler(_ => Respond(HttpStatusCode.OK, "[]"));

        Assert.Throws<ArgumentException>(() => new SchemaRegistryClient(Options with { DangerousSkipTlsVerification = true }, handler, disposeHandler: false));
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string body, string mediaType = SchemaRegistryClient.ContentType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    private sealed record SeenRequest(HttpMethod Method, string Uri, string? ContentType, string Accept, string? Authorization, string? Body);

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        private readonly List<SeenRequest> _requests = [];

        public IReadOnlyList<SeenRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (_requests)
            {
                _requests.Add(new SeenRequest(
                    request.Method,
                    request.RequestUri!.AbsoluteUri,
                    request.Content?.Headers.ContentType?.MediaType,
                    request.Headers.Accept.ToString(),
                    request.Headers.Authorization?.ToString(),
                    body));
            }

            return respond(request);
        }
    }
}
