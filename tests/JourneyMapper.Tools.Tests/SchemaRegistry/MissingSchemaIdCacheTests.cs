using Confluent.Kafka;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Registry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

/// <summary>
/// Negative caching of unknown schema ids: a stream of records framed with a garbage id must not cost one registry
/// request per record, yet an id the registry learns later must be asked for again.
/// </summary>
public sealed class MissingSchemaIdCacheTests
{
    private const int TestTimeoutMs = 30_000;
    private static readonly SerializationContext Value = new(MessageComponentType.Value, "clickstream.events");

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AGarbageIdCostsOneRequestPerTtlNotOnePerRecord()
    {
        await using var registry = await AvroRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { MissingIdCacheTtl = TimeSpan.FromMinutes(1) });
        var serde = AvroRecordSerdes.ClickEvent(client);
        var message = ConfluentWireFormat.Write(424_242, "garbage body"u8);
        var before = registry.RequestCount;

        var errors = await Task.Run(() => Enumerable.Range(0, 200)
            .Select(_ => Assert.Throws<AvroSerdeException>(() => serde.Deserialize(message, isNull: false, Value)))
            .ToList());

        Assert.Equal(before + 1, registry.RequestCount);
        Assert.All(errors, error => Assert.Equal(("unknown-schema-id", 424_242), (error.Code, error.SchemaId)));
        Assert.All(errors, error =>
        {
            var answer = Assert.IsType<SchemaRegistryException>(error.InnerException);
            Assert.Equal((true, false), (answer.IsSchemaNotFound, answer.IsTransient));
        });
        Assert.Contains("Schema 424242 not found", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnIdTheRegistryLearnsLaterIsAskedForAgainOnceTheTtlHasPassed()
    {
        await using var registry = await AvroRegistry.StartAsync();
        var time = new ShiftableTimeProvider();
        using var client = RegistryClients.For(registry, o => o with { MissingIdCacheTtl = TimeSpan.FromSeconds(5) }, time);
        using var producerClient = RegistryClients.For(registry);

        // A fresh registry knows no id 1 yet; the producer's registration then creates it.
        var first = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));
        var id = await producerClient.RegisterSchemaAsync("clickstream.events-value", TestSchemas.UserV1);
        var afterRegister = registry.RequestCount;

        var remembered = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));
        time.Advance(TimeSpan.FromSeconds(4));
        await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));
        Assert.Equal(afterRegister, registry.RequestCount);
        time.Advance(TimeSpan.FromSeconds(2));
        var schema = await client.GetSchemaAsync(1);

        Assert.Equal(1, id);
        Assert.True(first.IsSchemaNotFound);
        Assert.Equal((first.HttpStatus, first.ErrorCode, false), (remembered.HttpStatus, remembered.ErrorCode, remembered.IsTransient));
        Assert.StartsWith(first.Message + " (answered ", remembered.Message, StringComparison.Ordinal);
        Assert.Equal(TestSchemas.UserV1, schema);
        Assert.Equal(afterRegister + 1, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task TheCacheIsBoundedAndStartsOverWhenFull()
    {
        await using var registry = await AvroRegistry.StartAsync();
        using var client = RegistryClients.For(registry, o => o with { MissingIdCacheTtl = TimeSpan.FromMinutes(1), MaxCachedMissingIds = 2 });
        var before = registry.RequestCount;

        foreach (var id in new[] { 901, 902, 901, 902 })
        {
            await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(id));
        }

        Assert.Equal(before + 2, registry.RequestCount);

        // A third id fills the cache past its bound: it starts over with that id alone.
        foreach (var id in new[] { 903, 903, 901 })
        {
            await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(id));
        }

        Assert.Equal(before + 4, registry.RequestCount);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AZeroTtlAlwaysAsksAndOtherFailuresAreNeverRemembered()
    {
        await using var registry = await AvroRegistry.StartAsync();
        using var uncached = RegistryClients.For(registry, o => o with { MissingIdCacheTtl = TimeSpan.Zero });
        using var client = RegistryClients.For(registry, o => o with { MaxRetries = 0 });
        var before = registry.RequestCount;

        await Assert.ThrowsAsync<SchemaRegistryException>(() => uncached.GetSchemaAsync(7));
        await Assert.ThrowsAsync<SchemaRegistryException>(() => uncached.GetSchemaAsync(7));
        Assert.Equal(before + 2, registry.RequestCount);

        // An outage is not an answer about the id: once the registry is back, the id is asked for at once.
        var id = await client.RegisterSchemaAsync("clickstream.events-value", TestSchemas.UserV1);
        using var reader = RegistryClients.For(registry, o => o with { MaxRetries = 0 });
        registry.SetUnavailable(true);
        var outage = await Assert.ThrowsAsync<SchemaRegistryException>(() => reader.GetSchemaAsync(id));
        registry.SetUnavailable(false);

        Assert.True(outage.IsTransient);
        Assert.Equal(TestSchemas.UserV1, await reader.GetSchemaAsync(id));
    }

    [Fact]
    public void TheSettingsAreValidatedAndPrinted()
    {
        var options = new SchemaRegistryOptions { Url = "http://127.0.0.1:1" };

        Assert.Equal((TimeSpan.FromSeconds(5), 1000), (options.MissingIdCacheTtl, options.MaxCachedMissingIds));
        Assert.Contains("MissingIdCacheTtl = 00:00:05, MaxCachedMissingIds = 1000", options.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            "MissingIdCacheTtl",
            Assert.Throws<ArgumentOutOfRangeException>(() => (options with { MissingIdCacheTtl = TimeSpan.FromSeconds(-1) }).Validate()).ParamName);
        Assert.Equal(
            "MaxCachedMissingIds",
            Assert.Throws<ArgumentOutOfRangeException>(() => (options with { MaxCachedMissingIds = 0 }).Validate()).ParamName);
    }
}
