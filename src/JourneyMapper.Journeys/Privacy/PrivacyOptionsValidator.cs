using Microsoft.Extensions.Options;

namespace JourneyMapper.Journeys.Privacy;

/// <summary>Start-up checks of <see cref="PrivacyOptions"/>: each message names the key and the fix, and none repeats the salt.</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    private const string Section = PrivacyOptions.Section;
    private const string SaltVariable = "JOURNEYMAPPER__PRIVACY__SALT";
    private static readonly string SetSalt =
        $"set it (e.g. env {SaltVariable}) to a secret of at least {PrivacyOptions.MinSaltLength} characters";

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, action) in options.FieldActions)
        {
            if (!Enum.IsDefined(action))
            {
                failures.Add($"{Section}:{key} is {action}: use Keep, Drop or Hash.");
            }
        }

        if (options.Properties is not (FieldAction.Keep or FieldAction.Drop))
        {
            failures.Add(
                $"{Section}:Properties is {options.Properties}: use Keep (keeps the keys in {Section}:PropertiesWhitelist) or Drop (drops every property); property values are never hashed.");
        }

        var hashed = options.FieldActions.Where(field => field.Action == FieldAction.Hash).Select(field => field.Key).ToList();
        if (string.IsNullOrWhiteSpace(options.Salt))
        {
            if (hashed.Count > 0 && !options.UseDevelopmentSalt)
            {
                failures.Add($"{Section}:Salt is required when a field is hashed ({string.Join(", ", hashed)}); {SetSalt}, or set those fields to Keep or Drop.");
            }
        }
        else if (string.Equals(options.Salt, PrivacyOptions.DevelopmentSalt, StringComparison.Ordinal))
        {
            failures.Add($"{Section}:Salt is the public development salt, which protects nothing; {SetSalt} that only this deployment knows.");
        }
        else if (options.Salt.Length < PrivacyOptions.MinSaltLength)
        {
            failures.Add($"{Section}:Salt is too short to be secret; {SetSalt}.");
        }

        var whitelist = options.PropertiesWhitelist ?? [];
        for (var i = 0; i < whitelist.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(whitelist[i]))
            {
                failures.Add($"{Section}:PropertiesWhitelist:{i} is empty: name a property key to keep, or remove the entry.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
