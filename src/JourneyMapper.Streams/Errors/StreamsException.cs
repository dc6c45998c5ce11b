namespace JourneyMapper.Streams.Errors;

/// <summary>A failure the runtime cannot process past: it stops the stream thread with this as the cause.</summary>
public class StreamsException : Exception
{
    public StreamsException(string message)
        : base(message)
    {
    }

    public StreamsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
