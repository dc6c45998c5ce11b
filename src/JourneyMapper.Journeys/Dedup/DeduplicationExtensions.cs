using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.Journeys.Dedup;

/// <summary>Attaches deduplication by eventId to a stream of validated events in one step.</summary>
public static class DeduplicationExtensions
{
    /// <summary>
    /// Drops repeated eventIds within <see cref="DeduplicationOptions.Horizon"/> (see <see cref="DeduplicateEvents"/>),
    /// remembering them in a deduplication store <paramref name="storeName"/> backed by
    /// <c>&lt;applicationId&gt;-&lt;storeName&gt;-changelog</c>. Keys are kept, so no repartition follows.
    /// </summary>
    public static IKStream<string, ClickEvent> Deduplicate(
        this IKStream<string, ClickEvent> stream,
        StreamBuilder builder,
        DeduplicationOptions options,
        string storeName = "dedup",
        string named = "deduplicate-events")
    {
        builder.AddStateStore(Stores.InMemoryDeduplicationStore(storeName, options.Horizon));
        return stream.ProcessValues(() => new DeduplicateEvents(storeName), named, storeName);
    }
}
