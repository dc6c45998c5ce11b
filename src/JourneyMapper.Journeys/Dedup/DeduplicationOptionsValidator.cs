using Microsoft.Extensions.Options;

namespace JourneyMapper.Journeys.Dedup;

/// <summary>Fails start-up on a horizon that cannot work, naming the key and the fix.</summary>
public sealed class DeduplicationOptionsValidator : IValidateOptions<DeduplicationOptions>
{
    public const string Section = "JourneyMapper:Deduplication";

    public ValidateOptionsResult Validate(string? name, DeduplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Horizon > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{Section}:Horizon is {options.Horizon}; set a positive duration such as 1.00:00:00 (24 h).");
    }
}
