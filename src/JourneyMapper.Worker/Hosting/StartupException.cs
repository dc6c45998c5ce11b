namespace JourneyMapper.Worker.Hosting;

/// <summary>The service cannot start for a reason outside its configuration file (e.g. the schema registry refuses it).</summary>
public sealed class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
