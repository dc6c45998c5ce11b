namespace JourneyMapper.Streams.Errors;

/// <summary>What the task does after a handler has seen a failed record.</summary>
public enum ErrorHandlerResponse
{
    /// <summary>Skip the record (to the dead-letter queue when one is configured) and go on.</summary>
    Continue,

    /// <summary>Stop the stream thread; the record is not committed and is read again after a restart.</summary>
    Fail,
}
