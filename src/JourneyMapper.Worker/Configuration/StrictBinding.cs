using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Configuration;

/// <summary>
/// Binding that turns a value of the wrong type (<c>Format=Avor</c>, <c>CommitIntervalMs=fast</c>) into a start-up
/// failure naming the key and the accepted values, where the plain binder would throw from deep inside the host.
/// </summary>
internal static class StrictBinding
{
    public static OptionsBuilder<TOptions> BindStrictly<TOptions>(this OptionsBuilder<TOptions> builder, IConfigurationSection section)
        where TOptions : class
    {
        var name = builder.Name;
        return builder.Configure(options =>
        {
            var failures = UnconvertibleValues(section, typeof(TOptions));
            if (failures.Count > 0)
            {
                throw new OptionsValidationException(name, typeof(TOptions), failures);
            }

            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException e)
            {
                // Values the checks above do not cover (nested objects); the binder's message names the key.
                throw new OptionsValidationException(name, typeof(TOptions), [e.Message]);
            }
        });
    }

    /// <summary>The top-level scalar settings of <paramref name="section"/> that the binder could not convert.</summary>
    internal static List<string> UnconvertibleValues(IConfigurationSection section, Type optionsType)
    {
        var failures = new List<string>();
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!property.CanWrite || type == typeof(string) || !(type.IsEnum || type.IsPrimitive || type == typeof(TimeSpan) || type == typeof(DateTimeOffset)))
            {
                continue;
            }

            var value = section[property.Name];
            if (string.IsNullOrEmpty(value) || Converts(type, value))
            {
                continue;
            }

            failures.Add($"{section.Path}:{property.Name} is '{value}': {Expected(type)}.");
        }

        return failures;
    }

    private static bool Converts(Type type, string value)
    {
        if (type.IsEnum)
        {
            // Only the names: the binder's converter would also take numbers (7) and flag lists (Avro,Json).
            return Enum.GetNames(type).Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Expected(Type type) => type switch
    {
        _ when type.IsEnum => $"use {string.Join(" or ", Enum.GetNames(type))}",
        _ when type == typeof(bool) => "use true or false",
        _ when type == typeof(TimeSpan) => "use a duration as [d.]hh:mm:ss[.fff], e.g. 00:00:30",
        _ when type == typeof(DateTimeOffset) => "use an ISO-8601 time, e.g. 2000-01-01T00:00:00Z",
        _ when type == typeof(double) || type == typeof(float) => "use a number, e.g. 0.5",
        _ => "use a whole number",
    };
}
