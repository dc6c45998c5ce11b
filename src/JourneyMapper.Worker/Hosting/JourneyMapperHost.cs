using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Settings.Configuration;

namespace JourneyMapper.Worker.Hosting;

/// <summary>The Generic Host every command runs in: configuration sources, Serilog, and a fail-fast run.</summary>
public static class JourneyMapperHost
{
    /// <summary>
    /// appsettings.json, appsettings.{Environment}.json, environment variables (<c>JOURNEYMAPPER__SECTION__KEY</c>)
    /// and <c>--JourneyMapper:Section:Key=value</c> arguments, later sources winning; Serilog from the
    /// <c>Serilog</c> section.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] configurationArgs, IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration, new ConfigurationReaderOptions(typeof(ConsoleLoggerConfigurationExtensions).Assembly))
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }

    /// <summary>Runs the host; a configuration error ends it at once with exit code 2 and the keys to fix.</summary>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken = default)
    {
        // Options are validated before anything starts, so a bad setting never leaves half a service running.
        var failures = ConfigurationFailures(host.Services);
        if (failures.Count > 0)
        {
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync($"Configuration error: {failure}").ConfigureAwait(false);
            }

            return 2;
        }

        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StartupFailure(ex) is { } failure)
        {
            await Console.Error.WriteLineAsync($"Start-up error: {failure.Message}").ConfigureAwait(false);
            return 1;
        }

        return Environment.ExitCode;
    }

    private static StartupException? StartupFailure(Exception exception) => exception switch
    {
        StartupException startup => startup,
        AggregateException aggregate => aggregate.InnerExceptions.Select(StartupFailure).FirstOrDefault(failure => failure is not null),
        _ => null,
    };

    /// <summary>Every failure of the options registered with ValidateOnStart; empty when all are valid.</summary>
    public static IReadOnlyList<string> ConfigurationFailures(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return [.. ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures)];
        }
    }
}
