namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// The classification options are invalid: <see cref="Failures"/> holds one message per problem, each naming its
/// configuration key and the fix (the messages of <see cref="ClassificationOptionsValidator"/>).
/// </summary>
public sealed class ClassificationConfigurationException : Exception
{
    public ClassificationConfigurationException()
        : this([])
    {
    }

    public ClassificationConfigurationException(string message)
        : this([message])
    {
    }

    public ClassificationConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [message];
    }

    public ClassificationConfigurationException(IReadOnlyList<string> failures)
        : base(failures.Count == 0 ? "invalid classification options" : string.Join(Environment.NewLine, failures))
    {
        Failures = failures;
    }

    public IReadOnlyList<string> Failures { get; }
}
