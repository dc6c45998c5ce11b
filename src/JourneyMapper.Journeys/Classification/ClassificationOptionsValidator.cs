using JourneyMapper.Journeys.Classification.Internals;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// Start-up check of <see cref="ClassificationOptions"/>: compiles every rule and names the key of each problem, e.g.
/// <c>JourneyMapper:Classification:Rules:3:When: unexpected ')' at column 17; fix the expression</c>.
/// </summary>
public sealed class ClassificationOptionsValidator : IValidateOptions<ClassificationOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        RuleTable.Build(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
