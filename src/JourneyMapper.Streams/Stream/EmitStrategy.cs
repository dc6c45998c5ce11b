namespace JourneyMapper.Streams.Stream;

/// <summary>When a windowed aggregation emits, as Kafka Streams' <c>EmitStrategy</c>.</summary>
public sealed record EmitStrategy
{
    private EmitStrategy(bool onWindowClose) => OnlyFinalResults = onWindowClose;

    public bool OnlyFinalResults { get; }

    /// <summary>Every update of a window (the default); windows merged away are sent as tombstones.</summary>
    public static EmitStrategy OnWindowUpdate() => new(false);

    /// <summary>One final result per window, when it closes.</summary>
    public static EmitStrategy OnWindowClose() => new(true);
}
