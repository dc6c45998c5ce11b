using JourneyMapper.Worker.Hosting;
using Microsoft.Extensions.Hosting;

namespace JourneyMapper.Worker.Tests;

/// <summary>
/// The service's host as the tests build it: their settings, plus for any key they leave out what every test needs but
/// none is about: a privacy salt (hashing needs one) and a free port for the endpoints (tests run side by side).
/// </summary>
internal static class TestHost
{
    public const string Salt = "test-salt-of-sixteen-plus-chars";

    public static IHost Build(IReadOnlyDictionary<string, string?> settings, Action<HostApplicationBuilder>? configure = null)
    {
        var configuration = new Dictionary<string, string?>(settings);
        configuration.TryAdd("JourneyMapper:Privacy:Salt", Salt);
        configuration.TryAdd("JourneyMapper:Observability:Urls", "http://127.0.0.1:0");
        var builder = JourneyMapperHost.CreateBuilder([], configuration);
        configure?.Invoke(builder);
        builder.Services.AddJourneyMapper(builder.Configuration);
        return builder.Build();
    }
}
