using System.Net;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Tools.SchemaRegistry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

public sealed class SchemaRegistryClientTests
{
    private const int TestTimeoutMs = 30_000;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RegisteringIsIdempotentAndTheIdStable()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry);
        using var freshClient = RegistryClients.For(registry);

        var id = await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        // A second client has no cache, so the server itself must answer with the same id and no new version.
        var again = await freshClient.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        var relaidOut = await freshClient.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1Pretty);

        Assert.True(id >= 1);
        Assert.Equal(id, again);
        Assert.Equal(id, relaidOut);
        var latest = await freshClient.GetLatestSchemaAsync("clicks-value");
        Assert.Equal(1, latest.Version);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task TheSameSchemaUnderTwoSubjectsHasOneId()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry);

        var pageId = await client.RegisterSchemaAsync("pages-value", TestSchemas.Page);
        var first = await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        var second = await client.RegisterSchemaAsync("journeys-value", TestSchemas.UserV1Pretty);

        Assert.Equal(first, second);
        Assert.NotEqual(pageId, first);
        Assert.Equal(["clicks-value", "journeys-value", "pages-value"], await client.GetSubjectsAsync());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task GetsASchemaByItsId()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var producer = RegistryClients.For(registry);
        using var consumer = RegistryClients.For(registry);

        var id = await producer.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);

        Assert.Equal(TestSchemas.UserV1, await consumer.GetSchemaAsync(id));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task LatestFollowsNewVersions()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { LatestCacheTtl = TimeSpan.Zero });
        await client.SetCompatibilityLevelAsync(CompatibilityLevel.None, "clicks-value");
        var v1 = await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        Assert.Equal(new RegisteredSchema("clicks-value", v1, 1, TestSchemas.UserV1), await client.GetLatestSchemaAsync("clicks-value"));

        var v2 = await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV2);

        Assert.NotEqual(v1, v2);
        Assert.Equal(new RegisteredSchema("clicks-value", v2, 2, TestSchemas.UserV2), await client.GetLatestSchemaAsync("clicks-value"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task LookupFindsARegisteredSchemaWithoutRegistering()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry);
        using var lookup = RegistryClients.For(registry);
        var id = await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);

        Assert.Equal(id, await lookup.GetSchemaIdAsync("clicks-value", TestSchemas.UserV1Pretty));

        var absent = await Assert.ThrowsAsync<SchemaRegistryException>(() => lookup.GetSchemaIdAsync("clicks-value", TestSchemas.Page));
        Assert.True(absent.IsSchemaNotFound);
        Assert.Equal(HttpStatusCode.NotFound, absent.HttpStatus);
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => lookup.GetSchemaIdAsync("nobody-value", TestSchemas.UserV1));
        Assert.True(noSubject.IsSubjectNotFound);
        // The lookups registered nothing.
        Assert.Equal(["clicks-value"], await lookup.GetSubjectsAsync());
        Assert.Equal(1, (await lookup.GetLatestSchemaAsync("clicks-value")).Version);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task CompatibilityFollowsThePlaceholderChecker()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry);
        await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);

        Assert.True(await client.IsCompatibleAsync("clicks-value", TestSchemas.UserV1Pretty));
        // The placeholder refuses even this backward-compatible change; the Avro checker will accept it.
        Assert.False(await client.IsCompatibleAsync("clicks-value", TestSchemas.UserV2));
        Assert.True(await client.IsCompatibleAsync("new-subject-value", TestSchemas.Page));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnIncompatibleRegistrationIsRefusedOnceAndNotRetried()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { MaxRetries = 5 });
        await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        var before = registry.RequestCount;

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("clicks-value", TestSchemas.Page));

        Assert.True(error.IsIncompatibleSchema);
        Assert.Equal(HttpStatusCode.Conflict, error.HttpStatus);
        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Equal(before + 1, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task CompatibilityLevelNoneAcceptsAnyEvolution()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry);
        Assert.Equal(CompatibilityLevel.Backward, await client.GetCompatibilityLevelAsync());
        await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);

        await client.SetCompatibilityLevelAsync(CompatibilityLevel.None, "clicks-value");

        Assert.Equal(CompatibilityLevel.None, await client.GetCompatibilityLevelAsync("clicks-value"));
        Assert.Equal(CompatibilityLevel.Backward, await client.GetCompatibilityLevelAsync("other-value"));
        Assert.True(await client.IsCompatibleAsync("clicks-value", TestSchemas.Page));
        await client.RegisterSchemaAsync("clicks-value", TestSchemas.Page);
        Assert.Equal(2, (await client.GetLatestSchemaAsync("clicks-value")).Version);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task NotFoundAnswersMapToTheirErrorCodesWithoutRetrying()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { MaxRetries = 5 });
        var before = registry.RequestCount;

        var noSchema = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(999));
        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetLatestSchemaAsync("nobody-value"));

        Assert.Equal(HttpStatusCode.NotFound, noSchema.HttpStatus);
        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, noSchema.ErrorCode);
        Assert.True(noSchema.IsSchemaNotFound);
        Assert.False(noSchema.IsTransient);
        Assert.Contains("Schema 999 not found", noSchema.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noSubject.HttpStatus);
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, noSubject.ErrorCode);
        Assert.True(noSubject.IsSubjectNotFound);
        Assert.False(noSubject.IsTransient);
        Assert.Equal(before + 2, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task BasicAuthIsSentAndRequired()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync(
            new InProcessSchemaRegistryOptions { RequiredBasicAuthUserInfo = "journeys:s3cret-pass" });
        using var anonymous = RegistryClients.For(registry);
        using var wrong = RegistryClients.For(registry, o => o with { BasicAuthUserInfo = "journeys:wrong-pass" });
        using var authorized = RegistryClients.For(registry, o => o with { BasicAuthUserInfo = "journeys:s3cret-pass" });
        var before = registry.RequestCount;

        var refused = await Assert.ThrowsAsync<SchemaRegistryException>(() => anonymous.GetSubjectsAsync());
        var badPassword = await Assert.ThrowsAsync<SchemaRegistryException>(() => wrong.GetSubjectsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.HttpStatus);
        Assert.Equal(SchemaRegistryErrorCodes.Unauthorized, refused.ErrorCode);
        Assert.False(refused.IsTransient);
        Assert.Equal(HttpStatusCode.Unauthorized, badPassword.HttpStatus);
        Assert.DoesNotContain("wrong-pass", badPassword.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 2, registry.RequestCount);
        var id = await authorized.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        Assert.Equal(TestSchemas.UserV1, await authorized.GetSchemaAsync(id));
    }

    [Fact]
    public void OptionsNeverPrintOrEchoCredentials()
    {
        var options = new SchemaRegistryOptions
        {
            Url = "https://registry.example:8081",
            BasicAuthUserInfo = "journeys:s3cret-pass",
            ClientCertificatePath = "/etc/journeys/client.p12",
            ClientCertificatePassword = "p12-pass",
        };

        var printed = options.ToString();

        Assert.DoesNotContain("s3cret-pass", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("p12-pass", printed, StringComparison.Ordinal);
        Assert.Contains("registry.example", printed, StringComparison.Ordinal);
        var urlWithCredentials = Assert.Throws<ArgumentException>(() => RegistryClients.For("http://journeys:s3cret-pass@127.0.0.1:1"));
        Assert.DoesNotContain("s3cret-pass", urlWithCredentials.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RegistryClients.For("http://127.0.0.1:1", o => o with { BasicAuthUserInfo = "no-colon" }));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task IdsAndSchemasAreCachedForever()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry);
        var id = await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        var afterRegister = registry.RequestCount;

        Assert.Equal(id, await client.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1));
        Assert.Equal(id, await client.GetSchemaIdAsync("clicks-value", TestSchemas.UserV1));
        Assert.Equal(afterRegister, registry.RequestCount);

        Assert.Equal(TestSchemas.UserV1, await client.GetSchemaAsync(id));
        var afterFirstGet = registry.RequestCount;
        Assert.Equal(afterRegister + 1, afterFirstGet);
        Assert.Equal(TestSchemas.UserV1, await client.GetSchemaAsync(id));
        Assert.Equal(afterFirstGet, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task LatestIsCachedOnlyForItsTtl()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        var time = new ShiftableTimeProvider();
        using var client = RegistryClients.For(registry, o => o with { LatestCacheTtl = TimeSpan.FromSeconds(10) }, time);
        using var other = RegistryClients.For(registry);
        await other.SetCompatibilityLevelAsync(CompatibilityLevel.None);
        await other.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);

        Assert.Equal(1, (await client.GetLatestSchemaAsync("clicks-value")).Version);
        var afterFirst = registry.RequestCount;
        await other.RegisterSchemaAsync("clicks-value", TestSchemas.UserV2);
        var afterRegister = registry.RequestCount;

        Assert.Equal(1, (await client.GetLatestSchemaAsync("clicks-value")).Version);
        Assert.Equal(afterRegister, registry.RequestCount);
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(2, (await client.GetLatestSchemaAsync("clicks-value")).Version);
        Assert.Equal(afterRegister + 1, registry.RequestCount);
        Assert.True(afterFirst < afterRegister);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task UnavailableRegistryIsRetriedUntilItRecovers()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var producer = RegistryClients.For(registry);
        var id = await producer.RegisterSchemaAsync("clicks-value", TestSchemas.UserV1);
        using var consumer = RegistryClients.For(registry, o => o with { MaxRetries = 100 });
        registry.SetUnavailable(true);
        var before = registry.RequestCount;

        var fetch = consumer.GetSchemaAsync(id);
        await RegistryClients.WaitUntilAsync(() => registry.RequestCount >= before + 3, StepTimeout);
        Assert.False(fetch.IsCompleted);
        registry.SetUnavailable(false);

        Assert.Equal(TestSchemas.UserV1, await fetch.WaitAsync(StepTimeout));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RetriesStopAtMaxRetriesWithATransientError()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { MaxRetries = 3 });
        registry.SetUnavailable(true);
        var before = registry.RequestCount;

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));

        Assert.True(error.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatus);
        Assert.Equal(before + 4, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RefusedConnectionsAreTransient()
    {
        using var client = RegistryClients.For(await RegistryClients.DeadUrlAsync(), o => o with { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));

        Assert.True(error.IsTransient);
        Assert.Null(error.HttpStatus);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RetriesMoveOnToTheNextUrl()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        var urls = $"{await RegistryClients.DeadUrlAsync()}, {registry.Url}";
        using var client = RegistryClients.For(urls, o => o with { MaxRetries = 1 });
        var before = registry.RequestCount;

        // Calls start on alternating URLs; each one that starts on the dead URL must fail over to the live one.
        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(await client.GetSubjectsAsync());
        }

        Assert.Equal(before + 4, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ASlowRegistryTimesOutTransiently()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { RequestTimeout = TimeSpan.FromMilliseconds(500), MaxRetries = 1 });
        // A first call opens the connection and warms both ends, so that on a loaded machine each timed attempt
        // reaches the registry before the client gives up on it.
        Assert.Empty(await client.GetSubjectsAsync());
        registry.SetResponseDelay(TimeSpan.FromSeconds(5));
        var before = registry.RequestCount;

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectsAsync());

        Assert.True(error.IsTransient);
        Assert.Null(error.HttpStatus);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        // The registry counts an abandoned attempt when it gets to it, which may be after the client has given up.
        await RegistryClients.WaitUntilAsync(() => registry.RequestCount >= before + 2, StepTimeout);
        Assert.Equal(before + 2, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task CallerCancellationIsNotARegistryError()
    {
        await using var registry = await InProcessSchemaRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { MaxRetries = 100 });
        registry.SetUnavailable(true);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetSchemaAsync(1, cancel.Token));
    }
}
