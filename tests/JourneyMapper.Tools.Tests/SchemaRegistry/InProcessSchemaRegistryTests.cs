using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JourneyMapper.Tools.SchemaRegistry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

/// <summary>
/// The server's bodies and error codes, checked over raw HTTP against Confluent's API reference rather than
/// through our client, which could share the server's mistakes.
/// </summary>
public sealed class InProcessSchemaRegistryTests : IAsyncLifetime, IDisposable
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";
    private InProcessSchemaRegistry _registry = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _registry = await InProcessSchemaRegistry.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_registry.Url + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public void ListensOnLoopback()
    {
        var url = new Uri(_registry.Url);

        Assert.Equal("http", url.Scheme);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
    }

    [Fact]
    public async Task RegisterAnswersWithTheIdAndTheRegistryContentType()
    {
        using var response = await PostAsync("subjects/clicks-value/versions", SchemaBody(TestSchemas.UserV1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"id":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VersionsAreNumberedPerSubjectFromOne()
    {
        await PutAsync("config", """{"compatibility":"NONE"}""");
        await PostAsync("subjects/a-value/versions", SchemaBody(TestSchemas.Page));
        await PostAsync("subjects/b-value/versions", SchemaBody(TestSchemas.UserV1));
        await PostAsync("subjects/b-value/versions", SchemaBody(TestSchemas.UserV2));

        var version = await GetJsonAsync("subjects/b-value/versions/2");
        var latest = await GetJsonAsync("subjects/b-value/versions/latest");

        Assert.Equal("b-value", version.GetProperty("subject").GetString());
        Assert.Equal(2, version.GetProperty("version").GetInt32());
        Assert.Equal(3, version.GetProperty("id").GetInt32());
        Assert.Equal(TestSchemas.UserV2, version.GetProperty("schema").GetString());
        Assert.Equal(version.ToString(), latest.ToString());
        Assert.Equal("[1,2]", (await GetJsonAsync("subjects/b-value/versions")).ToString());
        Assert.Equal("""["a-value","b-value"]""", (await GetJsonAsync("subjects")).GetRawText());
        Assert.Equal(TestSchemas.Page, (await GetJsonAsync("schemas/ids/1")).GetProperty("schema").GetString());
    }

    [Fact]
    public async Task LookupAnswersWithSubjectVersionIdAndSchema()
    {
        await PostAsync("subjects/clicks-value/versions", SchemaBody(TestSchemas.UserV1));

        using var response = await PostAsync("subjects/clicks-value", SchemaBody(TestSchemas.UserV1Pretty));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("clicks-value", body.GetProperty("subject").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(1, body.GetProperty("id").GetInt32());
        Assert.Equal(TestSchemas.UserV1, body.GetProperty("schema").GetString());
    }

    [Theory]
    [InlineData("GET", "schemas/ids/7", null, 404, 40403)]
    [InlineData("GET", "subjects/nobody/versions/latest", null, 404, 40401)]
    [InlineData("GET", "subjects/clicks-value/versions/2", null, 404, 40402)]
    [InlineData("GET", "subjects/clicks-value/versions/0", null, 422, 42202)]
    [InlineData("GET", "subjects/clicks-value/versions/first", null, 422, 42202)]
    [InlineData("POST", "subjects/clicks-value", TestSchemas.Page, 404, 40403)]
    [InlineData("POST", "subjects/nobody", TestSchemas.Page, 404, 40401)]
    [InlineData("POST", "subjects/clicks-value/versions", TestSchemas.Page, 409, 409)]
    [InlineData("POST", "subjects/clicks-value/versions", "{\"type\": ", 422, 42201)]
    [InlineData("POST", "compatibility/subjects/clicks-value/versions/3", TestSchemas.UserV1, 404, 40402)]
    [InlineData("POST", "compatibility/subjects/nobody/versions/1", TestSchemas.UserV1, 404, 40401)]
    [InlineData("GET", "config/clicks-value", null, 404, 40408)]
    [InlineData("GET", "no/such/path", null, 404, 404)]
    public async Task ErrorsHaveConfluentsCodesAndBody(string method, string path, string? schema, int status, int errorCode)
    {
        await PostAsync("subjects/clicks-value/versions", SchemaBody(TestSchemas.UserV1));

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (schema is not null)
        {
            request.Content = Json(SchemaBody(schema));
        }

        using var response = await _http.SendAsync(request);
        var body = await ReadJsonAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(errorCode, body.GetProperty("error_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task UnsupportedSchemaTypesAndReferencesAreInvalid()
    {
        using var json = await PostAsync("subjects/s/versions", """{"schema":"{}","schemaType":"JSON"}""");
        using var references = await PostAsync("subjects/s/versions", """{"schema":"{}","references":[{"name":"x","subject":"y","version":1}]}""");
        using var explicitAvro = await PostAsync("subjects/s/versions", """{"schema":"\"string\"","schemaType":"AVRO"}""");

        Assert.Equal(42201, (await ReadJsonAsync(json)).GetProperty("error_code").GetInt32());
        Assert.Equal(42201, (await ReadJsonAsync(references)).GetProperty("error_code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, explicitAvro.StatusCode);
    }

    [Fact]
    public async Task CompatibilityAnswersIsCompatibleAndExplainsWhenVerbose()
    {
        await PostAsync("subjects/clicks-value/versions", SchemaBody(TestSchemas.UserV1));

        var same = await ReadJsonAsync(await PostAsync("compatibility/subjects/clicks-value/versions/latest", SchemaBody(TestSchemas.UserV1Pretty)));
        var changed = await ReadJsonAsync(await PostAsync("compatibility/subjects/clicks-value/versions/1?verbose=true", SchemaBody(TestSchemas.UserV2)));
        var unknown = await ReadJsonAsync(await PostAsync("compatibility/subjects/nobody/versions/latest", SchemaBody(TestSchemas.UserV2)));

        Assert.Equal("""{"is_compatible":true}""", same.GetRawText());
        Assert.False(changed.GetProperty("is_compatible").GetBoolean());
        Assert.NotEmpty(changed.GetProperty("messages").EnumerateArray());
        Assert.True(unknown.GetProperty("is_compatible").GetBoolean());
    }

    [Fact]
    public async Task ConfigIsBackwardByDefaultAndSettableGloballyAndPerSubject()
    {
        Assert.Equal("""{"compatibilityLevel":"BACKWARD"}""", (await GetJsonAsync("config")).GetRawText());

        using var global = await PutAsync("config", """{"compatibility":"full_transitive"}""");
        using var subject = await PutAsync("config/clicks-value", """{"compatibility":"NONE"}""");
        using var invalid = await PutAsync("config", """{"compatibility":"SIDEWAYS"}""");

        Assert.Equal("""{"compatibility":"FULL_TRANSITIVE"}""", await global.Content.ReadAsStringAsync());
        Assert.Equal("""{"compatibility":"NONE"}""", await subject.Content.ReadAsStringAsync());
        Assert.Equal("""{"compatibilityLevel":"FULL_TRANSITIVE"}""", (await GetJsonAsync("config")).GetRawText());
        Assert.Equal("""{"compatibilityLevel":"NONE"}""", (await GetJsonAsync("config/clicks-value")).GetRawText());
        Assert.Equal("""{"compatibilityLevel":"FULL_TRANSITIVE"}""", (await GetJsonAsync("config/other-value?defaultToGlobal=true")).GetRawText());
        Assert.Equal(422, (int)invalid.StatusCode);
        Assert.Equal(42203, (await ReadJsonAsync(invalid)).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task UnavailableAnswers503UntilRestored()
    {
        _registry.SetUnavailable(true);
        using var down = await _http.GetAsync("subjects");
        _registry.SetUnavailable(false);
        using var up = await _http.GetAsync("subjects");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.True((await ReadJsonAsync(down)).TryGetProperty("error_code", out _));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    [Fact]
    public async Task BasicAuthIsChallengedWith401()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync(new InProcessSchemaRegistryOptions { RequiredBasicAuthUserInfo = "u:p" });
        using var http = new HttpClient { BaseAddress = new Uri(registry.Url + "/") };

        using var anonymous = await http.GetAsync("subjects");
        using var request = new HttpRequestMessage(HttpMethod.Get, "subjects");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("u:p"u8));
        using var authorized = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, (await ReadJsonAsync(anonymous)).GetProperty("error_code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    private static string SchemaBody(string schema) => JsonSerializer.Serialize(new Dictionary<string, string> { ["schema"] = schema });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, ContentType);

    private async Task<HttpResponseMessage> PostAsync(string path, string body) => await _http.PostAsync(path, Json(body));

    private async Task<HttpResponseMessage> PutAsync(string path, string body) => await _http.PutAsync(path, Json(body));

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
