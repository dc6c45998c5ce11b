namespace JourneyMapper.Streams.State;

/// <summary>The key forms of <see cref="IDeduplicationStore"/>'s operations: the key is hashed with <see cref="DeduplicationKey"/>.</summary>
public static class DeduplicationStoreExtensions
{
    /// <inheritdoc cref="IDeduplicationStore.TryAdd"/>
    public static bool TryAdd(this IDeduplicationStore store, string key, long timestamp) => store.TryAdd(DeduplicationKey.Hash(key), timestamp);

    /// <inheritdoc cref="IDeduplicationStore.TryAdd"/>
    public static bool TryAdd(this IDeduplicationStore store, ReadOnlySpan<byte> key, long timestamp) => store.TryAdd(DeduplicationKey.Hash(key), timestamp);

    /// <summary>True when the key is remembered.</summary>
    public static bool Contains(this IDeduplicationStore store, string key) => store.TryGetTimestamp(DeduplicationKey.Hash(key), out _);
}
