using JourneyMapper.Journeys;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Configuration;

/// <summary>Topic names must be legal Kafka names, and no output may feed back into an input.</summary>
public sealed class JourneyTopicsValidator : IValidateOptions<JourneyTopics>
{
    public const string Section = "JourneyMapper:Topics";
    private const int MaxTopicLength = 249;

    public ValidateOptionsResult Validate(string? name, JourneyTopics topics)
    {
        var failures = new List<string>();
        if (topics.Input.Count == 0)
        {
            failures.Add($"{Section}:Input is empty: list at least one input topic, e.g. [\"clickstream.events\"].");
        }

        var named = topics.Input.Select((topic, index) => ($"Input:{index}", topic)).Concat(
        [
            (nameof(topics.Profiles), topics.Profiles),
            (nameof(topics.Segments), topics.Segments),
            (nameof(topics.SessionUpdates), topics.SessionUpdates),
            (nameof(topics.LateEvents), topics.LateEvents),
            (nameof(topics.DeadLetterQueue), topics.DeadLetterQueue),
        ]).Concat(topics.WritesValidatedEvents ? [(nameof(topics.ValidatedEvents), topics.ValidatedEvents!)] : []);
        foreach (var (key, topic) in named)
        {
            if (!IsLegalTopic(topic))
            {
                failures.Add(
                    $"{Section}:{key} is '{topic}': a topic name is 1-{MaxTopicLength} characters of letters, digits, '.', '_' or '-'.");
            }
        }

        if (!IsLegalTopic(topics.TriggerPrefix + "x"))
        {
            failures.Add($"{Section}:TriggerPrefix is '{topics.TriggerPrefix}': it must start a legal topic name, e.g. journey.triggers.");
        }

        var outputs = new[] { topics.Segments, topics.SessionUpdates, topics.LateEvents, topics.DeadLetterQueue, topics.ValidatedEvents };
        foreach (var output in outputs.Where(topic => !string.IsNullOrWhiteSpace(topic)))
        {
            if (topics.Input.Contains(output))
            {
                failures.Add($"{Section}:Input contains the output topic '{output}': the service would read its own output; choose distinct names.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLegalTopic(string? topic) =>
        !string.IsNullOrEmpty(topic) && topic.Length <= MaxTopicLength && topic is not ("." or "..")
        && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
