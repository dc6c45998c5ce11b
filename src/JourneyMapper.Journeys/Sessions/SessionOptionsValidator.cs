using Microsoft.Extensions.Options;

namespace JourneyMapper.Journeys.Sessions;

/// <summary>Fails start-up on session settings that cannot work, naming the key and the fix.</summary>
public sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        const string Section = SessionOptions.Section;
        if (options.InactivityGap <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:InactivityGap is {options.InactivityGap}; set a positive duration such as 00:30:00.");
        }

        if (options.GracePeriod < TimeSpan.Zero)
        {
            failures.Add($"{Section}:GracePeriod is {options.GracePeriod}; set zero or a positive duration such as 00:02:00.");
        }

        if (options.MaxDuration <= options.InactivityGap)
        {
            failures.Add($"{Section}:MaxDuration is {options.MaxDuration}; set it longer than InactivityGap ({options.InactivityGap}), e.g. 1.00:00:00.");
        }

        if (options.WallClockCheckInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:WallClockCheckInterval is {options.WallClockCheckInterval}; set a positive duration such as 00:00:01.");
        }

        if (options.MaxEventIds < 1 || options.MaxPathLength < 1)
        {
            failures.Add($"{Section}:MaxEventIds and MaxPathLength are {options.MaxEventIds} and {options.MaxPathLength}; set each to at least 1 (default 50).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
