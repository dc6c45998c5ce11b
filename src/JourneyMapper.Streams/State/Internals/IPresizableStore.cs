namespace JourneyMapper.Streams.State.Internals;

/// <summary>A store that can make room for a number of entries at once, rather than grow step by step as they come.</summary>
internal interface IPresizableStore
{
    void EnsureCapacity(int entries);
}
