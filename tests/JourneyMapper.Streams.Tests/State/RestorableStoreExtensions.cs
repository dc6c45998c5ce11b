using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.Tests.State;

/// <summary>Restores a changelog record as tests hold it, with a null value for a tombstone.</summary>
internal static class RestorableStoreExtensions
{
    public static void Restore(this IRestorableStore store, byte[] key, byte[]? value) => store.Restore(key, value, value is null);
}
