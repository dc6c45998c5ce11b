using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// <see cref="ISchemaRegistryClient"/> over Confluent's Schema Registry REST API. Ids and schemas never change once
/// registered, so they are cached for the client's life; a subject's latest version is cached for
/// <see cref="SchemaRegistryOptions.LatestCacheTtl"/>, and an id the registry does not know is remembered as missing for
/// <see cref="SchemaRegistryOptions.MissingIdCacheTtl"/>. Transient failures are retried with exponential backoff and
/// jitter, moving through the configured URLs.
/// </summary>
public sealed class SchemaRegistryClient : ISchemaRegistryClient, IDisposable
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    private static readonly MediaTypeHeaderValue RequestContentType = new(ContentType);
    private static readonly SchemaRegistryJsonContext Json = SchemaRegistryJsonContext.Default;

    private readonly HttpClient _http;
    private readonly SchemaRegistryOptions _options;
    private readonly IReadOnlyList<Uri> _baseUris;
    private readonly string? _basicAuthParameter;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<int, string> _schemasById = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), int> _idsBySubjectAndSchema = new();
    private readonly ConcurrentDictionary<string, (RegisteredSchema Schema, long FetchedAt)> _latestBySubject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, MissingId> _missingIds = new();
    private int _nextUrl;

    /// <summary>Builds its own handler from the options' TLS settings.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SchemaRegistryClient(SchemaRegistryOptions options, TimeProvider? timeProvider = null)
        : this(options, CreateHandler(options), disposeHandler: true, timeProvider, handlerFromOptions: true)
    {
    }

    /// <summary>
    /// Sends through <paramref name="handler"/> (e.g. one from an <c>IHttpClientFactory</c>), which then owns TLS:
    /// the options' TLS settings are refused rather than silently ignored.
    /// </summary>
    public SchemaRegistryClient(SchemaRegistryOptions options, HttpMessageHandler handler, bool disposeHandler, TimeProvider? timeProvider = null)
        : this(options, handler, disposeHandler, timeProvider, handlerFromOptions: false)
    {
    }

    private SchemaRegistryClient(
        SchemaRegistryOptions options, HttpMessageHandler handler, bool disposeHandler, TimeProvider? timeProvider, bool handlerFromOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        _baseUris = options.Validate();
        if (!handlerFromOptions && (options.CaCertificatePath is not null || options.ClientCertificatePath is not null || options.DangerousSkipTlsVerification))
        {
            throw new ArgumentException("TLS settings apply only to the handler the client builds itself; configure them on the supplied handler.", nameof(options));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _basicAuthParameter = options.BasicAuthUserInfo is { } userInfo
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo))
            : null;

        // Per-attempt timeouts are ours (RequestTimeout); HttpClient's own would cut across retries.
        _http = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        if (_idsBySubjectAndSchema.TryGetValue((subject, schema), out var cached))
        {
            return cached;
        }

        // Safe to retry: registering a schema the subject already has returns its id without a new version.
        var response = await SendAsync(
            HttpMethod.Post, $"subjects/{Escape(subject)}/versions", Body(new SchemaRequest(schema), Json.SchemaRequest), Json.SchemaIdResponse, cancellationToken)
            .ConfigureAwait(false);
        CacheId(subject, schema, response.Id);
        return response.Id;
    }

    public async Task<int> GetSchemaIdAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        if (_idsBySubjectAndSchema.TryGetValue((subject, schema), out var cached))
        {
            return cached;
        }

        var response = await SendAsync(
            HttpMethod.Post, $"subjects/{Escape(subject)}", Body(new SchemaRequest(schema), Json.SchemaRequest), Json.SubjectVersionResponse, cancellationToken)
            .ConfigureAwait(false);
        CacheId(subject, schema, response.Id);
        CacheSchema(response.Id, response.Schema);
        return response.Id;
    }

    public async Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        if (_schemasById.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (RememberedMissing(id) is { } missing)
        {
            throw missing;
        }

        SchemaResponse response;
        try
        {
            response = await SendAsync(
                HttpMethod.Get, $"schemas/ids/{id.ToString(CultureInfo.InvariantCulture)}", body: null, Json.SchemaResponse, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SchemaRegistryException e) when (e.HttpStatus == HttpStatusCode.NotFound)
        {
            RememberMissing(id, e);
            throw;
        }

        var schema = response.Schema ?? throw Malformed($"schemas/ids/{id}", "no schema");
        CacheSchema(id, schema);
        return schema;
    }

    public async Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (_latestBySubject.TryGetValue(subject, out var entry) && _time.GetElapsedTime(entry.FetchedAt) < _options.LatestCacheTtl)
        {
            return entry.Schema;
        }

        var path = $"subjects/{Escape(subject)}/versions/latest";
        var response = await SendAsync(HttpMethod.Get, path, body: null, Json.SubjectVersionResponse, cancellationToken).ConfigureAwait(false);
        var latest = new RegisteredSchema(
            response.Subject ?? subject, response.Id, response.Version, response.Schema ?? throw Malformed(path, "no schema"));
        CacheSchema(latest.Id, latest.Schema);
        CacheId(subject, latest.Schema, latest.Id);
        if (_options.LatestCacheTtl > TimeSpan.Zero)
        {
            _latestBySubject[subject] = (latest, _time.GetTimestamp());
        }

        return latest;
    }

    public async Task<bool> IsCompatibleAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schema);

        // Never cached: the answer moves with the subject's versions and its compatibility level.
        var response = await SendAsync(
            HttpMethod.Post,
            $"compatibility/subjects/{Escape(subject)}/versions/latest",
            Body(new SchemaRequest(schema), Json.SchemaRequest),
            Json.CompatibilityResponse,
            cancellationToken).ConfigureAwait(false);
        return response.IsCompatible;
    }

    public async Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "subjects", body: null, Json.StringArray, cancellationToken).ConfigureAwait(false);

    /// <summary>The level in force: the subject's own when set, else the registry's global one.</summary>
    public async Task<CompatibilityLevel> GetCompatibilityLevelAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}?defaultToGlobal=true";
        var response = await SendAsync(HttpMethod.Get, path, body: null, Json.ConfigResponse, cancellationToken).ConfigureAwait(false);
        return CompatibilityLevels.TryParse(response.CompatibilityLevel, out var level)
            ? level
            : throw Malformed(path, $"unknown compatibility level '{response.CompatibilityLevel}'");
    }

    /// <summary>Sets the global level, or <paramref name="subject"/>'s own.</summary>
    public async Task SetCompatibilityLevelAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}";
        await SendAsync(HttpMethod.Put, path, Body(new ConfigUpdate(level.ToWireName()), Json.ConfigUpdate), Json.ConfigUpdate, cancellationToken)
            .ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler CreateHandler(SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return SchemaRegistryHttpHandler.Create(options);
    }

    private async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method, string path, byte[]? body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        // Spread clients over the URLs rather than all starting on the first.
        var first = (int)((uint)Interlocked.Increment(ref _nextUrl) % (uint)_baseUris.Count);
        for (var attempt = 0; ; attempt++)
        {
            var baseUri = _baseUris[(first + attempt) % _baseUris.Count];
            try
            {
                return await SendOnceAsync(method, baseUri, path, body, responseType, cancellationToken).ConfigureAwait(false);
            }
            catch (SchemaRegistryException e) when (e.IsTransient && attempt < _options.MaxRetries)
            {
                await Task.Delay(Backoff(attempt, e.RetryAfter), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TResponse> SendOnceAsync<TResponse>(
        HttpMethod method, Uri baseUri, string path, byte[]? body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var endpoint = $"{method} {baseUri.GetLeftPart(UriPartial.Authority)}{baseUri.AbsolutePath}{path}";
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        request.Headers.Accept.ParseAdd(ContentType);
        request.Headers.Accept.ParseAdd("application/json; q=0.9");
        if (_basicAuthParameter is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basicAuthParameter);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = RequestContentType;
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ErrorFromAsync(endpoint, response, linked.Token).ConfigureAwait(false);
            }

            var content = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(content, responseType, linked.Token).ConfigureAwait(false)
                    ?? throw Malformed(endpoint, "a null body");
            }
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SchemaRegistryException(
                $"{endpoint} timed out after {_options.RequestTimeout}.", httpStatus: null, errorCode: null, isTransient: true, e);
        }
        catch (HttpRequestException e)
        {
            // The useful part (which certificate check failed, which address refused) is usually the inner exception.
            var reason = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            throw new SchemaRegistryException(
                $"{endpoint} failed before a response ({e.HttpRequestError}): {reason}", httpStatus: null, errorCode: null, IsTransient(e.HttpRequestError), e);
        }
        catch (IOException e)
        {
            // The connection broke while the body was read: the next attempt may get a whole one.
            throw new SchemaRegistryException($"{endpoint} broke off: {e.Message}", httpStatus: null, errorCode: null, isTransient: true, e);
        }
        catch (JsonException e)
        {
            throw Malformed(endpoint, e.Message, e);
        }
    }

    private async Task<SchemaRegistryException> ErrorFromAsync(string endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ErrorResponse? error = null;
        try
        {
            error = text.Length == 0 ? null : JsonSerializer.Deserialize(text, Json.ErrorResponse);
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML; the status alone must then do.
        }

        var detail = error?.Message ?? Truncate(text) ?? response.ReasonPhrase ?? "no detail";
        var code = error?.ErrorCode;
        var message = code is null
            ? $"{endpoint} failed: HTTP {(int)status}: {detail}"
            : $"{endpoint} failed: HTTP {(int)status}, error code {code}: {detail}";
        var transient = (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        return new SchemaRegistryException(message, status, code, transient) { RetryAfter = RetryAfter(response) };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow(),
        _ => null,
    };

    private static bool IsTransient(HttpRequestError error) => error switch
    {
        // Certificates, credentials, protocol versions and malformed answers will not fix themselves.
        HttpRequestError.SecureConnectionError or
        HttpRequestError.UserAuthenticationError or
        HttpRequestError.ConfigurationLimitExceeded or
        HttpRequestError.VersionNegotiationError or
        HttpRequestError.ExtendedConnectNotSupported or
        HttpRequestError.InvalidResponse => false,
        _ => true,
    };

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(_options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt), _options.MaxBackoff.TotalMilliseconds);

        // Half fixed, half random: clients that failed together spread out, yet none retries at once.
#pragma warning disable CA5394 // Jitter needs no unpredictability, only spread.
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
#pragma warning restore CA5394
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < _options.MaxBackoff ? asked : _options.MaxBackoff;
        }

        return delay;
    }

    private void CacheId(string subject, string schema, int id)
    {
        if (_idsBySubjectAndSchema.Count >= _options.MaxCachedSchemas)
        {
            _idsBySubjectAndSchema.Clear();
        }

        _idsBySubjectAndSchema[(subject, schema)] = id;
    }

    private void CacheSchema(int id, string? schema)
    {
        if (schema is null)
        {
            return;
        }

        if (_schemasById.Count >= _options.MaxCachedSchemas)
        {
            _schemasById.Clear();
        }

        _schemasById[id] = schema;
    }

    /// <summary>A fresh exception like the registry's last answer while that answer is younger than the TTL, else null.</summary>
    private SchemaRegistryException? RememberedMissing(int id)
    {
        if (!_missingIds.TryGetValue(id, out var missing))
        {
            return null;
        }

        var age = _time.GetElapsedTime(missing.AnsweredAt);
        if (age >= _options.MissingIdCacheTtl)
        {
            _missingIds.TryRemove(KeyValuePair.Create(id, missing));
            return null;
        }

        // A new instance per throw: one exception object thrown on several threads at once would mix their traces.
        return new SchemaRegistryException(
            $"{missing.Message} (answered {age.TotalMilliseconds:F0} ms ago; asked again after {_options.MissingIdCacheTtl})",
            missing.HttpStatus,
            missing.ErrorCode,
            isTransient: false);
    }

    private void RememberMissing(int id, SchemaRegistryException answer)
    {
        if (_options.MissingIdCacheTtl <= TimeSpan.Zero)
        {
            return;
        }

        if (_missingIds.Count >= _options.MaxCachedMissingIds)
        {
            // Expired entries go first; a cache still full of live ones (a flood of distinct garbage ids) starts over.
            foreach (var (staleId, stale) in _missingIds)
            {
                if (_time.GetElapsedTime(stale.AnsweredAt) >= _options.MissingIdCacheTtl)
                {
                    _missingIds.TryRemove(KeyValuePair.Create(staleId, stale));
                }
            }

            if (_missingIds.Count >= _options.MaxCachedMissingIds)
            {
                _missingIds.Clear();
            }
        }

        _missingIds[id] = new MissingId(_time.GetTimestamp(), answer.HttpStatus, answer.ErrorCode, answer.Message);
    }

    private static byte[] Body<T>(T value, JsonTypeInfo<T> contract) => JsonSerializer.SerializeToUtf8Bytes(value, contract);

    private static string Escape(string subject) => Uri.EscapeDataString(subject);

    private static string? Truncate(string text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");

    private static SchemaRegistryException Malformed(string endpoint, string what, Exception? inner = null) =>
        new($"{endpoint} answered with a body this client does not understand: {what}.", HttpStatusCode.OK, errorCode: null, isTransient: false, inner);

    private sealed record MissingId(long AnsweredAt, HttpStatusCode? HttpStatus, int? ErrorCode, string Message);
}
