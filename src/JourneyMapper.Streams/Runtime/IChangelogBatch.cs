namespace JourneyMapper.Streams.Runtime;

/// <summary>Records read by an <see cref="IRestoreConsumer"/>, in the order read; each partition's in offset order.</summary>
public interface IChangelogBatch : IDisposable
{
    int Count { get; }

    /// <summary>A record whose key and value stay readable until the batch is disposed.</summary>
    ChangelogRecord this[int index] { get; }
}
