namespace JourneyMapper.Streams.Stream;

/// <summary>A time window, both ends inclusive and in epoch milliseconds (a session window spans its first to last event).</summary>
public readonly record struct Window(long Start, long End)
{
    public bool Overlaps(Window other) => Start <= other.End && other.Start <= End;
}

/// <summary>The key of a windowed result: the record key and the window it belongs to.</summary>
public readonly record struct Windowed<TKey>(TKey Key, Window Window)
{
    public override string ToString() => $"[{Key}@{Window.Start}/{Window.End}]";
}
