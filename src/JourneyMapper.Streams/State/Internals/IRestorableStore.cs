namespace JourneyMapper.Streams.State.Internals;

/// <summary>A store that can be rebuilt by replaying its changelog, record by record, in offset order.</summary>
internal interface IRestorableStore
{
    void Restore(byte[] key, byte[]? value);
}
