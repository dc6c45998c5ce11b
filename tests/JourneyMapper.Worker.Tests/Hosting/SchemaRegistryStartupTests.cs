using System.Collections.Concurrent;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Tools.SchemaRegistry;
using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace JourneyMapper.Worker.Tests.Hosting;

/// <summary>
/// Before the runtime starts, the Avro output schemas are settled with the registry: refusals stop the start with the
/// reason, an unreachable registry is waited for, and the registry's credentials never reach a log or an error.
/// </summary>
public sealed class SchemaRegistryStartupTests
{
    private const int TestTimeoutMs = 30_000;
    private const string Secret = "s3cret-pass";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task TheOutputSchemasAreRegisteredUnderTheirTopicsSubjectsBeforeTheRuntimeStarts()
    {
        await using var registry = await StartRegistryAsync();
        using var host = Build(registry.Url);

        await Startup(host).StartAsync(CancellationToken.None);

        using var client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = registry.Url });
        Assert.Equal(
        [
            "journey.alerts-value",
            "journey.late-events-value",
            "journey.segments-value",
            "journey.session-updates-value",
            "journey.triggers.cart-abandonment-value",
            "journey.triggers.checkout-abandonment-value",
            "journey.triggers.high-intent-buyer-value",
            "journey.validated-events-value",
        ],
        (await client.GetSubjectsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(
            (await client.GetLatestSchemaAsync("journey.validated-events-value")).Schema,
            Serialization.AvroSerdes.ClickEventAvroCodec.Instance.SchemaJson);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnUnreachableRegistryIsWaitedForAndTheWaitIsLogged()
    {
        await using var registry = await StartRegistryAsync();
        var logs = new CapturedLogs();
        using var host = Build(registry.Url, logs, new() { ["JourneyMapper:SchemaRegistry:MaxRetries"] = "0" });
        registry.SetUnavailable(true);

        var starting = Startup(host).StartAsync(CancellationToken.None);

        // Until the first attempt has failed and said so (on a loaded machine that can take a while), nothing may start.
        const string Waiting = "Waiting for the schema registry to settle the schema of journey.alerts; next attempt in ";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!logs.Messages.Any(message => message.StartsWith(Waiting, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(logs.Messages, message => message.StartsWith(Waiting, StringComparison.Ordinal));
        Assert.False(starting.IsCompleted);
        registry.SetUnavailable(false);
        await starting;
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task WithAutoRegistrationOffAnUnregisteredSchemaStopsTheStartWithTheFix()
    {
        await using var registry = await StartRegistryAsync();
        using var host = Build(registry.Url, settings: new() { ["JourneyMapper:SchemaRegistry:AutoRegisterSchemas"] = "false" });

        var error = await Assert.ThrowsAsync<StartupException>(() => Startup(host).StartAsync(CancellationToken.None));

        Assert.StartsWith(
            "The JourneySegment schema of topic 'journey.alerts' is not registered under subject 'journey.alerts-value', and "
            + "JourneyMapper:SchemaRegistry:AutoRegisterSchemas is false: register it first (schemas/JourneySegment.avsc), or set AutoRegisterSchemas to true. Registry: ",
            error.Message,
            StringComparison.Ordinal);
        using var service = Build(registry.Url, settings: new() { ["JourneyMapper:SchemaRegistry:AutoRegisterSchemas"] = "false" });
        Assert.Equal(1, await JourneyMapperHost.RunAsync(service));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RefusedCredentialsStopTheStartAndNeitherLogsNorErrorsRepeatThem()
    {
        await using var registry = await StartRegistryAsync(new InProcessSchemaRegistryOptions
        {
            CompatibilityChecker = AvroCompatibilityChecker.Instance,
            NormalizeSchema = AvroCompatibilityChecker.NormalizeSchema,
            RequiredBasicAuthUserInfo = "journeys:another-pass",
        });
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?> { ["JourneyMapper:SchemaRegistry:BasicAuthUserInfo"] = $"journeys:{Secret}" };
        using var host = Build(registry.Url, logs, settings);

        var error = await Assert.ThrowsAsync<StartupException>(() => Startup(host).StartAsync(CancellationToken.None));
        using var service = Build(registry.Url, logs, settings);
        var exitCode = await JourneyMapperHost.RunAsync(service);

        Assert.Equal(1, exitCode);
        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(logs.Messages, message => message.Contains("basic auth: configured", StringComparison.Ordinal));
        Assert.All(logs.Messages, message => Assert.DoesNotContain(Secret, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonNeedsNoRegistryAtStart()
    {
        using var host = Build("http://127.0.0.1:1", settings: new() { ["JourneyMapper:Serialization:Format"] = "Json" });

        await Startup(host).StartAsync(CancellationToken.None);
    }

    private static Task<InProcessSchemaRegistry> StartRegistryAsync(InProcessSchemaRegistryOptions? options = null) =>
        InProcessSchemaRegistry.StartAsync(options ?? new InProcessSchemaRegistryOptions
        {
            CompatibilityChecker = AvroCompatibilityChecker.Instance,
            NormalizeSchema = AvroCompatibilityChecker.NormalizeSchema,
        });

    private static SchemaRegistryStartup Startup(IHost host) => host.Services.GetServices<IHostedService>().OfType<SchemaRegistryStartup>().Single();

    // No broker listens at the bootstrap address: these tests never get as far as the stream runtime.
    private static IHost Build(string registryUrl, CapturedLogs? logs = null, Dictionary<string, string?>? settings = null)
    {
        settings = new Dictionary<string, string?>(settings ?? []);
        settings.TryAdd("JourneyMapper:Topics:ValidatedEvents", "journey.validated-events");
        settings.TryAdd("JourneyMapper:Kafka:BootstrapServers", "127.0.0.1:1");
        settings.TryAdd("JourneyMapper:SchemaRegistry:Url", registryUrl);
        settings.TryAdd("JourneyMapper:SchemaRegistry:InitialBackoff", "00:00:00.010");
        settings.TryAdd("JourneyMapper:SchemaRegistry:MaxBackoff", "00:00:00.050");
        return TestHost.Build(settings, builder =>
        {
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }
        });
    }

    /// <summary>Every log message with its exception, as text.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}");
        }
    }
}
