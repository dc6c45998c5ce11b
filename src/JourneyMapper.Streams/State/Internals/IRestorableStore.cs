namespace JourneyMapper.Streams.State.Internals;

/// <summary>A store that can be rebuilt by replaying its changelog, record by record, in offset order.</summary>
internal interface IRestorableStore
{
    /// <summary>The topic replayed: the store's changelog, or the source topic of a table read straight from it.</summary>
    string RestoreTopic { get; }

    void Restore(byte[] key, byte[]? value);
}
