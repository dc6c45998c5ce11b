using Microsoft.Extensions.Options;

namespace JourneyMapper.Journeys.Routing;

/// <summary>Trigger segments name topics: fails start-up on names Kafka would refuse, naming the key and the fix.</summary>
public sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Triggers
            .Select((segment, index) => (segment, index))
            .Where(trigger => string.IsNullOrWhiteSpace(trigger.segment) || !trigger.segment.All(IsTopicCharacter))
            .Select(trigger => $"{RoutingOptions.Section}:Triggers:{trigger.index} is '{trigger.segment}'; use a segment name of letters, digits, '.', '_' and '-' (it becomes part of a topic name).")
            .ToList();
        if (string.IsNullOrWhiteSpace(options.AlertSegment))
        {
            failures.Add($"{RoutingOptions.Section}:AlertSegment is empty; name the segment whose sessions go to the alerts topic (default bot-suspect).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsTopicCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
