namespace JourneyMapper.Streams.Processors;

/// <summary>What drives a punctuator: the task's stream time (advanced by record timestamps) or the wall clock.</summary>
public enum PunctuationType
{
    StreamTime,
    WallClockTime,
}

/// <summary>Stops a scheduled punctuator.</summary>
public interface ICancellable
{
    void Cancel();
}
